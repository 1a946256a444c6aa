package dev.lethe.app;

import dev.lethe.app.web.People;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.infra.MariaDbServer;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestMariaDb;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.ui.signin.PasswordHashing;
import dev.lethe.ui.signin.TotpSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on the shared real services. Every subclass shares one application
 * context (same configuration) and one database; classes isolate their data by unique names.
 */
@ExtendWith(LocalServicesExtension.class)
// The application class named, not found by package: a few ITs sit in the package of the moved class
// they test (dev.lethe.catalog.search, ...), outside dev.lethe.app.
@SpringBootTest(classes = LetheApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AppIntegrationTest {

    private static final String APP_ROLE = "lethe_app";

    /** The bootstrap ADMIN key of the test application. */
    protected static final String ADMIN_KEY = "it-admin-" + randomHex(16);

    /**
     * The port on 127.0.0.1 where a test may run a webhook service (an HTTP server it starts itself):
     * free when the JVM started, and on the allow-list.
     */
    protected static final int WEBHOOK_PORT = freePort();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String database;
    private static String dataDir;
    private static DSLContext owner;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServiceEndpoints services = TestServices.endpoints();
        registry.add("spring.datasource.url", () -> services.jdbcUrl(database()));
        // As in production: the application's own role, under row-level security; migrations as the owner.
        registry.add("spring.datasource.username", () -> APP_ROLE);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.url", () -> services.jdbcUrl(database()));
        registry.add("spring.flyway.user", services::postgresUser);
        registry.add("spring.flyway.password", services::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", services::kafkaBootstrapServers);
        registry.add("spring.elasticsearch.uris", services::elasticsearchUrl);
        registry.add("lethe.temporal.target", services::temporalTarget);
        registry.add("lethe.bootstrap-api-key", () -> ADMIN_KEY);
        // Connections to the test services (PostgreSQL's and MariaDB's databases, Elasticsearch's
        // indices, Kafka's topics and a webhook service on WEBHOOK_PORT stand in for engineers'
        // systems), as an administrator would allow them by host:port; nothing else on loopback.
        registry.add(
                "lethe.connectors.allowed-targets",
                // A subclass adds its own (an identity provider) through lethe.test.extra-allowed-targets.
                () -> allowedTargets() + ",${lethe.test.extra-allowed-targets:}");
        // Most ITs register a connection and use it at once: the shared context does not wait for a
        // second person's approval. ConnectionApprovalIT turns it on in a context of its own
        // (lethe.test.approval-required=true), as production has it.
        registry.add("lethe.connectors.approval-required", () -> "${lethe.test.approval-required:false}");
        // Keeps what the app writes next to its data (the local KMS keyset) out of the source tree.
        registry.add("lethe.data-dir", AppIntegrationTest::dataDir);
        // Request workflows retry a failing system a little and fast, so a test sees it FAILED in seconds.
        registry.add("lethe.requests.run.initial-interval", () -> "200ms");
        registry.add("lethe.requests.run.maximum-attempts", () -> "2");
        // Retention likewise; and a new tenant's schedule workflow starts within a second.
        registry.add("lethe.retention.initial-retry-interval", () -> "200ms");
        registry.add("lethe.retention.attempts", () -> "2");
        registry.add("lethe.retention.tenant-check-interval", () -> "1s");
        // Rate limits on, as in production, but sized so the suite (every request from 127.0.0.1, most
        // with the admin key) never empties a bucket: RateLimitIT empties dedicated ones itself.
        for (String bucket : List.of("per-ip", "per-key", "per-user", "sign-in")) {
            registry.add("lethe.security.rate-limits." + bucket + ".capacity", () -> "1000000");
            registry.add("lethe.security.rate-limits." + bucket + ".period", () -> "3650d");
        }
    }

    private static String allowedTargets() {
        ServiceEndpoints services = TestServices.endpoints();
        URI elasticsearch = URI.create(services.elasticsearchUrl());
        List<String> targets = new ArrayList<>(List.of(
                services.postgresHost() + ":" + services.postgresPort(),
                elasticsearch.getHost() + ":" + elasticsearch.getPort(),
                services.kafkaBootstrapServers(),
                "127.0.0.1:" + WEBHOOK_PORT));
        if (TestMariaDb.unavailableReason().isEmpty()) {
            MariaDbServer mariaDb = TestMariaDb.server();
            targets.add(mariaDb.host() + ":" + mariaDb.port());
        }
        return String.join(",", targets);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized String dataDir() {
        if (dataDir == null) {
            try {
                dataDir = Files.createTempDirectory("lethe-app-it-").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataDir;
    }

    private static synchronized String database() {
        if (database == null) {
            database = TestServices.createDatabase("lethe_app");
            TestServices.ensureLoginRole(APP_ROLE);
        }
        return database;
    }

    @LocalServerPort
    protected int port;

    @Autowired
    private Accounts accounts;

    @Autowired
    private PasswordHashing hashing;

    @Autowired
    private TotpSecrets totpSecrets;

    /** People who sign in to the pages: accounts with a password and a second factor in a tenant. */
    protected People people() {
        return new People(accounts, hashing, totpSecrets);
    }

    /** A GET to the running application, with the API key as bearer token unless it is null. */
    protected HttpResponse<String> get(String path, String apiKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs direct calls on the application's beans as the tenant (row-level security applies). */
    protected static <T> T as(UUID tenantId, Supplier<T> work) {
        return TenantContext.callAs(tenantId, work);
    }

    protected static void as(UUID tenantId, Runnable work) {
        TenantContext.runAs(tenantId, work);
    }

    /** The database as its owner, bypassing row-level security: for setting the scene or tampering. */
    protected static synchronized DSLContext owner() {
        if (owner == null) {
            ServiceEndpoints services = TestServices.endpoints();
            try {
                owner = DSL.using(
                        DriverManager.getConnection(
                                services.jdbcUrl(database()), services.postgresUser(), services.postgresPassword()),
                        SQLDialect.POSTGRES);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return owner;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
