package dev.lethe.app.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * With the {@code prod} profile, fails the start at once when an external service is not
 * configured or does not answer, naming the service and the property to set, rather than letting
 * connection pools and clients retry into a half-working application.
 */
public final class ProductionServicesCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** One external service: what it is called, which property points at it. */
    record ExternalService(String name, String property) {

        String environmentVariable() {
            return property.toUpperCase().replace('.', '_').replace('-', '_');
        }
    }

    static final List<ExternalService> SERVICES = List.of(
            new ExternalService("PostgreSQL", "spring.datasource.url"),
            new ExternalService("Kafka", "spring.kafka.bootstrap-servers"),
            new ExternalService("Elasticsearch", "spring.elasticsearch.uris"),
            new ExternalService("Temporal", "lethe.temporal.target"));

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (!environment.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (ExternalService service : SERVICES) {
            problem(service, environment.getProperty(service.property())).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Lethe cannot start with the prod profile:\n  - " + String.join("\n  - ", problems));
        }
    }

    static Optional<String> problem(ExternalService service, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(service.name() + " is not configured: set " + service.property() + " (environment: "
                    + service.environmentVariable() + ")");
        }
        List<InetSocketAddress> addresses;
        try {
            addresses = addresses(value);
        } catch (IllegalArgumentException e) {
            return Optional.of(service.name() + ": cannot read " + service.property() + " (" + e.getMessage() + ")");
        }
        for (InetSocketAddress address : addresses) {
            if (reachable(address)) {
                return Optional.empty();
            }
        }
        return Optional.of(service.name() + " at " + value + " is unreachable: check that it runs, or set "
                + service.property() + " (environment: " + service.environmentVariable() + ")");
    }

    /** Host and port of each address in a JDBC URL, a URI list, or a host:port list. */
    static List<InetSocketAddress> addresses(String value) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String part : value.split(",")) {
            String text = part.trim().replaceFirst("^jdbc:", "");
            URI uri = URI.create(text.contains("://") ? text : "tcp://" + text);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host in '" + part.trim() + "'");
            }
            addresses.add(InetSocketAddress.createUnresolved(
                    uri.getHost(), uri.getPort() > 0 ? uri.getPort() : defaultPort(uri)));
        }
        return addresses;
    }

    private static int defaultPort(URI uri) {
        return switch (uri.getScheme()) {
            case "postgresql" -> 5432;
            case "http" -> 80;
            case "https" -> 443;
            default -> throw new IllegalArgumentException("no port in '" + uri + "'");
        };
    }

    private static boolean reachable(InetSocketAddress address) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), 3000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
