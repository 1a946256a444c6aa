package dev.lethe.app.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.app.tls.SelfSignedCertificate;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.postgres.PostgresConnectorType;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Discovering;
import dev.lethe.connectors.spi.Discovery;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.TestResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL connector against real PostgreSQL servers: one with TLS and a certificate made here for
 * {@code localhost} only, one without TLS. With the default {@code verify-full} and that certificate as the
 * connection's {@code ca-certificate}, the connector signs in and discovers over TLS; the same server reached
 * as {@code 127.0.0.1}, a name its certificate does not hold, is refused at the handshake, before the password
 * is sent; and a server without TLS is refused rather than spoken to in plaintext. Each refusal is the one TLS
 * problem, naming the settings to look at and no value.
 */
class PostgresVerifiedTlsIT {

    private static final String PASSWORD = "pg-tls-" + UUID.randomUUID();

    @TempDir
    static Path certificates;

    private static EmbeddedPostgres tls;
    private static EmbeddedPostgres plain;
    private static SelfSignedCertificate serverCertificate;

    @BeforeAll
    static void startPostgresWithAndWithoutTls() throws Exception {
        serverCertificate = SelfSignedCertificate.generate(List.of("localhost"), Duration.ofDays(1));
        Path certificate = certificates.resolve("server.crt");
        Path key = certificates.resolve("server.key");
        serverCertificate.write(certificate, key);
        tls = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", certificate.toString())
                .setServerConfig("ssl_key_file", key.toString())
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        try (Connection connection = tls.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("create table customers (id bigint primary key, email text not null)");
        }
        plain = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tls != null) {
            tls.close();
        }
        if (plain != null) {
            plain.close();
        }
    }

    @Test
    void verifyFullWithTheServersCaSignsInAndDiscoversOverTls() {
        try (Connector connector = open("localhost", tls.getPort(), serverCertificate.certificatePem())) {
            TestResult result = connector.test(context());
            assertThat(result.passed()).as(result.toString()).isTrue();

            Discovery discovery = ((Discovering) connector).discover(context(), 5);
            assertThat(discovery.datasets()).extracting(Discovery.Dataset::name).contains("public.customers");
        }
    }

    @Test
    void aServerWhoseCertificateNamesAnotherHostIsRefusedAsATlsProblemWithoutAValue() {
        try (Connector connector = open("127.0.0.1", tls.getPort(), serverCertificate.certificatePem())) {
            TestResult result = connector.test(context());

            assertThat(result.passed()).isFalse();
            assertThat(result.checks())
                    .filteredOn(check -> !check.passed())
                    .singleElement()
                    .satisfies(check -> {
                        assertThat(check.name()).isEqualTo("connect and sign in");
                        assertThat(check.message())
                                .contains("TLS could not be set up")
                                .contains("not for the host name")
                                .doesNotContain(PASSWORD)
                                .doesNotContain("BEGIN CERTIFICATE");
                    });
            assertThatThrownBy(() -> ((Discovering) connector).discover(context(), 5))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.isRetriable()).as("a person must fix it").isFalse();
                        assertThat(e.getMessage())
                                .contains("TLS could not be set up")
                                .doesNotContain(PASSWORD);
                    });
        }
    }

    @Test
    void verifyFullRefusesAServerWithoutTlsInsteadOfSpeakingPlaintext() {
        try (Connector connector = open("localhost", plain.getPort(), serverCertificate.certificatePem())) {
            TestResult result = connector.test(context());

            assertThat(result.passed()).isFalse();
            assertThat(result.checks())
                    .filteredOn(check -> !check.passed())
                    .singleElement()
                    .satisfies(check -> assertThat(check.message())
                            .contains("TLS could not be set up")
                            .contains("ssl-mode disable")
                            .doesNotContain(PASSWORD));
        }
    }

    private static Connector open(String host, int port, String caCertificate) {
        var type = new PostgresConnectorType();
        Map<String, String> settings = new HashMap<>();
        settings.put("host", host);
        settings.put("port", Integer.toString(port));
        settings.put("database", "postgres");
        settings.put("user", "postgres");
        // The embedded servers trust every local connection: the password is never needed, only watched for.
        settings.put("password", PASSWORD);
        settings.put("ca-certificate", caCertificate);
        var runtime = new ConnectorRuntime(OutboundGuard.fromSetting(host + ":" + port), PiiClassifier.create());
        return type.open(type.configure(settings), runtime);
    }

    private static OperationContext context() {
        return OperationContext.of(UUID.randomUUID(), "pg-tls-" + UUID.randomUUID());
    }
}
