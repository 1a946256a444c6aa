package dev.lethe.app.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.app.tls.SelfSignedCertificate;
import dev.lethe.app.tls.TlsSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * A real PostgreSQL with {@code ssl=on} and a certificate made here, reached as the {@code prod} profile reaches it:
 * {@code lethe.tls.postgres.*} applied to the data source URL, a pooled data source from it, and the start-up probe.
 */
class PostgresTlsIT {

    @TempDir
    static Path certificates;

    private static EmbeddedPostgres postgres;
    private static Path serverCa;
    private static Path otherCa;

    @BeforeAll
    static void startPostgresWithTls() throws Exception {
        var server = SelfSignedCertificate.generate(List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
        serverCa = certificates.resolve("server.crt");
        server.write(serverCa, certificates.resolve("server.key"));
        otherCa = certificates.resolve("other.crt");
        SelfSignedCertificate.generate(List.of("localhost"), Duration.ofDays(1))
                .write(otherCa, certificates.resolve("other.key"));
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", serverCa.toString())
                .setServerConfig(
                        "ssl_key_file", certificates.resolve("server.key").toString())
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void verifyFullWithTheServersCaConnectsOverTls() throws Exception {
        DataSource dataSource = dataSource(tlsSettings(serverCa));

        try (Connection connection = dataSource.getConnection();
                ResultSet ssl = connection
                        .createStatement()
                        .executeQuery("select ssl, version from pg_stat_ssl where pid = pg_backend_pid()")) {
            assertThat(ssl.next()).isTrue();
            assertThat(ssl.getBoolean("ssl")).isTrue();
            assertThat(ssl.getString("version")).startsWith("TLSv1.");
        }
        assertThat(ServiceProbes.postgres(url(tlsSettings(serverCa)), "postgres", ""))
                .isEmpty();
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused() {
        DataSource dataSource = dataSource(tlsSettings(otherCa));

        assertThatThrownBy(dataSource::getConnection)
                .hasStackTraceContaining("SSLHandshakeException")
                .hasStackTraceContaining("PKIX path");
        assertThat(ServiceProbes.postgres(url(tlsSettings(otherCa)), "postgres", ""))
                .hasValueSatisfying(reason -> assertThat(reason).contains("did not answer"));
    }

    @Test
    void theSameServerIsReachedInPlaintextWithoutTheSettingAndTheProdCheckSaysSo() throws Exception {
        String plain = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?sslmode=disable";
        try (Connection connection = DataSourceBuilder.create()
                        .url(plain)
                        .username("postgres")
                        .password("")
                        .build()
                        .getConnection();
                ResultSet ssl = connection
                        .createStatement()
                        .executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
            assertThat(ssl.next()).isTrue();
            assertThat(ssl.getBoolean("ssl")).isFalse();
        }
        var environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("test", Map.of("spring.datasource.url", plain)));
        assertThat(dev.lethe.app.tls.ConnectionSecurity.of(environment).plaintextWarnings())
                .anySatisfy(
                        warning -> assertThat(warning).startsWith("PostgreSQL:").contains("sslmode=disable"));
    }

    private static Map<String, Object> tlsSettings(Path rootCert) {
        return Map.of(
                "spring.datasource.url",
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "lethe.tls.postgres.mode",
                "verify-full",
                "lethe.tls.postgres.root-cert",
                rootCert.toString());
    }

    /** The data source URL as the application sees it once {@code lethe.tls.postgres.*} is applied. */
    private static String url(Map<String, Object> settings) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        TlsSetup.apply(environment);
        return environment.getProperty("spring.datasource.url");
    }

    private static DataSource dataSource(Map<String, Object> settings) {
        return DataSourceBuilder.create()
                .url(url(settings))
                .username("postgres")
                .password("")
                .build();
    }
}
