package dev.lethe.app.local;

import dev.lethe.infra.LocalServices;
import dev.lethe.infra.LocalServicesSettings;
import dev.lethe.infra.PostgresAdmin;
import dev.lethe.infra.ServiceEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * With the {@code local} profile, starts the embedded services before the application context
 * exists (its data source and clients need them) and stops them after it has closed, on Ctrl-C
 * as on a failed start.
 */
public final class LocalServicesLauncher implements ApplicationListener<ApplicationEvent> {

    static final String DATABASE = "lethe";
    /** The application's role: no superuser, not the tables' owner, so row-level security applies. */
    static final String APP_ROLE = "lethe_app";

    private LocalServices services;
    private LocalMailServer mail;

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared
                && prepared.getEnvironment().acceptsProfiles(Profiles.of("local"))) {
            start(prepared.getEnvironment());
        } else if (event instanceof ApplicationPreparedEvent ready && mail != null) {
            // The outbox page reads the embedded server's mails; without this bean it answers 404.
            ready.getApplicationContext().getBeanFactory().registerSingleton("localOutbox", mail.outbox());
        } else if (event instanceof ApplicationFailedEvent) {
            stop();
        }
    }

    private void start(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        Path dataDir = binder.bind("lethe.data-dir", Path.class).orElse(LocalServicesSettings.DEFAULT_DATA_DIR);
        LocalServicesSettings bound =
                binder.bind("lethe.infra", LocalServicesSettings.class).orElse(LocalServicesSettings.defaults(dataDir));
        var settings = new LocalServicesSettings(
                dataDir,
                bound.postgres(),
                bound.kafka(),
                bound.elasticsearch(),
                bound.temporal(),
                bound.startTimeout());
        services = LocalServices.start(settings);
        // Runs after the application context has closed, so nothing still uses the services.
        SpringApplication.getShutdownHandlers().add(this::stop);
        var postgres = new PostgresAdmin(services.endpoints());
        postgres.ensureDatabase(DATABASE);
        postgres.ensureLoginRole(APP_ROLE);
        Map<String, Object> properties = new HashMap<>(connectionProperties(services.endpoints()));
        // The portal's codes go out by mail: without a relay configured, to an embedded SMTP server.
        if (binder.bind("lethe.portal.mail.host", String.class).orElse("").isBlank()) {
            mail = LocalMailServer.start();
            properties.putAll(mail.portalProperties());
        }
        environment.getPropertySources().addFirst(new MapPropertySource("lethe-local-services", properties));
    }

    static Map<String, Object> connectionProperties(ServiceEndpoints endpoints) {
        return Map.of(
                "spring.datasource.url", endpoints.jdbcUrl(DATABASE),
                "spring.datasource.username", APP_ROLE,
                "spring.datasource.password", "",
                // Migrations run as the owner of the schema; the application does not.
                "spring.flyway.url", endpoints.jdbcUrl(DATABASE),
                "spring.flyway.user", endpoints.postgresUser(),
                "spring.flyway.password", endpoints.postgresPassword(),
                "spring.kafka.bootstrap-servers", endpoints.kafkaBootstrapServers(),
                "spring.elasticsearch.uris", endpoints.elasticsearchUrl(),
                "lethe.temporal.target", endpoints.temporalTarget(),
                "lethe.connectors.embedded-targets", embeddedTargets(endpoints));
    }

    /**
     * The embedded PostgreSQL, Elasticsearch and Kafka as {@code host:port} entries of the outbound guard's
     * allow-list, so connections to them can be tried at once; only these ports, nothing else on loopback.
     */
    static String embeddedTargets(ServiceEndpoints endpoints) {
        List<String> targets = new ArrayList<>();
        targets.add(hostAndPort(endpoints.postgresHost(), endpoints.postgresPort()));
        URI elasticsearch = URI.create(endpoints.elasticsearchUrl());
        targets.add(hostAndPort(elasticsearch.getHost(), elasticsearch.getPort()));
        for (String broker : endpoints.kafkaBootstrapServers().split(",")) {
            if (!broker.isBlank()) {
                targets.add(broker.strip());
            }
        }
        return String.join(",", targets);
    }

    private static String hostAndPort(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private synchronized void stop() {
        if (mail != null) {
            mail.close();
            mail = null;
        }
        if (services != null) {
            services.close();
            services = null;
        }
    }
}
