package dev.lethe.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Connections registered through the API, as one left by V32 with its old mode would be stored: the {@code prod}
 * start-up's check names each one that is not verified TLS by id with a {@code NOT SECURE:} line, and nothing its
 * owner typed (name, host, password) appears in it.
 */
class UnverifiedConnectionWarningsIT extends AppIntegrationTest {

    private static final String PASSWORD = "unverified-" + UUID.randomUUID();

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    UnverifiedConnectionWarnings warnings;

    @Test
    void everyConnectionWithoutVerifiedTlsIsNamedByIdAndNothingElse() {
        Tenant tenant = tenants.create(UniqueNames.of("unverified"), "Unverified connections");
        CatalogHttp engineer = new CatalogHttp(port, key(tenant));
        ServiceEndpoints services = TestServices.endpoints();
        String preferName = UniqueNames.of("old-postgres");
        String prefer = register(engineer, preferName, "postgresql", postgres(services, Map.of("ssl-mode", "prefer")));
        String verified = register(
                engineer,
                UniqueNames.of("verified"),
                "postgresql",
                postgres(services, Map.of("ssl-mode", "verify-full")));
        String defaulted = register(engineer, UniqueNames.of("defaulted"), "postgresql", postgres(services, Map.of()));
        String plaintext = register(
                engineer,
                UniqueNames.of("old-kafka"),
                "kafka",
                Map.of(
                        "bootstrap-servers",
                        services.kafkaBootstrapServers(),
                        "topics",
                        "unverified-topic",
                        "security-protocol",
                        "PLAINTEXT"));
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(UnverifiedConnectionWarnings.class);
        logger.addAppender(logs);
        try {
            warnings.warn();
        } finally {
            logger.detachAppender(logs);
        }

        List<String> lines = logs.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(tenant.id().toString()))
                .toList();
        assertThat(lines).hasSize(2);
        assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("NOT SECURE: connection " + prefer + " (postgresql")
                        .contains("ssl-mode prefer", "set ssl-mode verify-full"))
                .anySatisfy(line -> assertThat(line)
                        .startsWith("NOT SECURE: connection " + plaintext + " (kafka")
                        .contains("security-protocol PLAINTEXT"));
        assertThat(String.join("\n", lines))
                .doesNotContain(verified, defaulted, PASSWORD, preferName, services.postgresHost() + ":");
    }

    private static Map<String, Object> postgres(ServiceEndpoints services, Map<String, String> tls) {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("host", services.postgresHost());
        config.put("port", services.postgresPort());
        config.put("database", "postgres");
        config.put("user", "reader");
        config.put("password", PASSWORD);
        config.putAll(tls);
        return config;
    }

    private static String register(CatalogHttp engineer, String name, String type, Map<String, Object> config) {
        HttpResponse<String> created = engineer.post(
                "/api/v1/connections",
                Map.of("name", name, "type", type, "system", UniqueNames.of("unverified-system"), "config", config));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return CatalogHttp.body(created).get("id").asString();
    }

    private String key(Tenant tenant) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(
                        tenant.id(), "engineer-" + UUID.randomUUID(), secret, Set.of(Role.ENGINEER), Scope.all()));
        return secret;
    }
}
