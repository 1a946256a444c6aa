package dev.lethe.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.tls.SelfSignedCertificate;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.mariadb.MariaDbConnectorType;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.TestResult;
import dev.lethe.infra.MariaDbServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A MariaDB of its own that speaks TLS with a certificate made here: a connection with the default
 * {@code verify-full} and that certificate as its {@code ca-certificate} signs in; the same connection
 * with another CA is refused at the handshake, before the password is sent.
 */
class MariaDbVerifiedTlsIT {

    private static Path dir;
    private static MariaDbServer server;
    private static SelfSignedCertificate serverCertificate;

    @BeforeAll
    static void startMariaDbWithTls() throws IOException {
        // Searchable by others: as root, the server runs as an unprivileged user and reads its files here.
        dir = Files.createTempDirectory(
                "lethe-mariadb-tls-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        serverCertificate = SelfSignedCertificate.generate(List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
        Path certificate = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        serverCertificate.write(certificate, key);
        server = MariaDbServer.start(dir, List.of("--ssl-cert=" + certificate, "--ssl-key=" + key));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void verifyFullWithTheServersCaSignsIn() {
        TestResult result = test(serverCertificate.certificatePem());

        assertThat(result.passed()).as(result.toString()).isTrue();
    }

    @Test
    void verifyFullWithAnotherCaIsRefusedAsATlsProblem() {
        String other = SelfSignedCertificate.generate(List.of("localhost", "127.0.0.1"), Duration.ofDays(1))
                .certificatePem();

        TestResult result = test(other);

        assertThat(result.passed()).isFalse();
        assertThat(result.checks())
                .filteredOn(check -> !check.passed())
                .singleElement()
                .satisfies(check -> {
                    assertThat(check.name()).isEqualTo("connect and sign in");
                    assertThat(check.message()).contains("TLS could not be set up");
                });
    }

    private static TestResult test(String caCertificate) {
        var type = new MariaDbConnectorType();
        Map<String, String> settings = new HashMap<>();
        settings.put("host", "localhost");
        settings.put("port", Integer.toString(server.port()));
        settings.put("database", "mysql");
        settings.put("user", server.user());
        settings.put("ca-certificate", caCertificate);
        var runtime =
                new ConnectorRuntime(OutboundGuard.fromSetting("localhost:" + server.port()), PiiClassifier.create());
        try (Connector connector = type.open(type.configure(settings), runtime)) {
            return connector.test(OperationContext.of(UUID.randomUUID(), "tls-" + UUID.randomUUID()));
        }
    }
}
