package dev.lethe.app.local;

import dev.lethe.app.temporal.TemporalProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * With the {@code prod} profile, fails the start at once when an external service is not
 * configured, does not answer, or does not answer as the service it should be, naming the service
 * and the property to set, rather than letting connection pools and clients retry into a
 * half-working application. Each service gets one real request with the configured credentials
 * ({@link ServiceProbes}); messages show where a service was looked for without credentials
 * ({@link MaskedSetting}).
 */
public final class ProductionServicesCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** One external service: what it is called, which property points at it, how to ask it. */
    record ExternalService(String name, String property, Function<Environment, Optional<String>> probe) {

        String environmentVariable() {
            return property.toUpperCase().replace('.', '_').replace('-', '_');
        }
    }

    static final List<ExternalService> SERVICES = List.of(
            new ExternalService(
                    "PostgreSQL",
                    "spring.datasource.url",
                    env -> ServiceProbes.postgres(
                            env.getProperty("spring.datasource.url"),
                            env.getProperty("spring.datasource.username"),
                            env.getProperty("spring.datasource.password"))),
            new ExternalService(
                    "Kafka",
                    "spring.kafka.bootstrap-servers",
                    // Spring Boot's own reading of spring.kafka.* (security.protocol, ssl.*, properties.sasl.*),
                    // as the application's clients get it.
                    env -> ServiceProbes.kafka(
                            env.getProperty("spring.kafka.bootstrap-servers"),
                            Binder.get(env)
                                    .bind("spring.kafka", KafkaProperties.class)
                                    .map(KafkaProperties::buildAdminProperties)
                                    .orElse(Map.of()))),
            new ExternalService(
                    "Elasticsearch",
                    "spring.elasticsearch.uris",
                    env -> ServiceProbes.elasticsearch(
                            env.getProperty("spring.elasticsearch.uris"),
                            env.getProperty("spring.elasticsearch.username"),
                            env.getProperty("spring.elasticsearch.password"),
                            ClientSsl.elasticsearch(env),
                            env.getProperty("spring.elasticsearch.api-key"))),
            new ExternalService(
                    "Temporal",
                    "lethe.temporal.target",
                    env -> ServiceProbes.temporal(
                            env.getProperty("lethe.temporal.target"),
                            Binder.get(env)
                                    .bind("lethe.temporal.tls", TemporalProperties.Tls.class)
                                    .orElse(TemporalProperties.Tls.off()))));

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (!environment.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Lethe cannot start with the prod profile:\n  - " + String.join("\n  - ", problems));
        }
    }

    static List<String> problems(Environment environment) {
        List<String> problems = new ArrayList<>();
        for (ExternalService service : SERVICES) {
            problem(service, environment).ifPresent(problems::add);
        }
        return problems;
    }

    static Optional<String> problem(ExternalService service, Environment environment) {
        String value = environment.getProperty(service.property());
        Optional<String> unreachable = problem(service, value);
        if (unreachable.isPresent()) {
            return unreachable;
        }
        return service.probe()
                .apply(environment)
                .map(reason -> service.name() + " at " + MaskedSetting.of(value) + " " + reason + " ("
                        + service.property() + ", environment: " + service.environmentVariable() + ")");
    }

    /** Whether the setting is there, readable, and some address in it accepts a connection. */
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
        return Optional.of(
                service.name() + " at " + MaskedSetting.of(value) + " is unreachable: check that it runs, or set "
                        + service.property() + " (environment: " + service.environmentVariable() + ")");
    }

    /** Host and port of each address in a JDBC URL, a URI list, or a host:port list. */
    static List<InetSocketAddress> addresses(String value) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String part : value.split(",")) {
            String text = part.trim().replaceFirst("^jdbc:", "");
            URI uri;
            try {
                uri = URI.create(text.contains("://") ? text : "tcp://" + text);
            } catch (IllegalArgumentException e) {
                // URI's own message quotes the whole input, credentials included.
                throw new IllegalArgumentException("not a URL or a host:port list");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("an address without a host");
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
            default -> throw new IllegalArgumentException("no port in '" + MaskedSetting.of(uri.toString()) + "'");
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
