package dev.lethe.app;

import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on the shared real services. Every subclass shares one application
 * context (same configuration) and one database; classes isolate their data by unique names.
 */
@ExtendWith(LocalServicesExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AppIntegrationTest {

    /** The bootstrap ADMIN key of the test application. */
    protected static final String ADMIN_KEY = "it-admin-" + randomHex(16);

    private static String database;
    private static String dataDir;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServiceEndpoints services = TestServices.endpoints();
        registry.add("spring.datasource.url", () -> services.jdbcUrl(database()));
        registry.add("spring.datasource.username", services::postgresUser);
        registry.add("spring.datasource.password", services::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", services::kafkaBootstrapServers);
        registry.add("spring.elasticsearch.uris", services::elasticsearchUrl);
        registry.add("lethe.temporal.target", services::temporalTarget);
        registry.add("lethe.bootstrap-api-key", () -> ADMIN_KEY);
        // Keeps what the app writes next to its data (the local KMS keyset) out of the source tree.
        registry.add("lethe.data-dir", AppIntegrationTest::dataDir);
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
        }
        return database;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
