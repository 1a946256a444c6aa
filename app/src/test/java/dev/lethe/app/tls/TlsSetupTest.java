package dev.lethe.app.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class TlsSetupTest {

    @TempDir
    Path dataDir;

    @Test
    void putsPostgresTlsOnTheDataSourceAndFlywayUrls() {
        var environment = environment(Map.of(
                "spring.datasource.url", "jdbc:postgresql://db:5432/lethe",
                "spring.flyway.url", "jdbc:postgresql://db:5432/lethe?sslmode=disable",
                "lethe.tls.postgres.mode", "verify-full",
                "lethe.tls.postgres.root-cert", "/etc/lethe/pg-ca.pem"));

        prepare(environment);

        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://db:5432/lethe?sslmode=verify-full&sslrootcert=/etc/lethe/pg-ca.pem");
        assertThat(environment.getProperty("spring.flyway.url"))
                .isEqualTo("jdbc:postgresql://db:5432/lethe?sslmode=verify-full&sslrootcert=/etc/lethe/pg-ca.pem");
    }

    @Test
    void selfSignedMakesTheCertificateInTheDataDirAndTurnsHttpsOn() {
        var environment = environment(Map.of("lethe.tls.self-signed", "true", "lethe.data-dir", dataDir.toString()));

        prepare(environment);

        assertThat(environment.getProperty("server.ssl.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("server.ssl.certificate"))
                .isEqualTo(
                        dataDir.resolve("tls/lethe-local.crt").toAbsolutePath().toString());
        assertThat(Files.exists(dataDir.resolve("tls/lethe-local.key"))).isTrue();
    }

    @Test
    void aConfiguredCertificateWinsOverSelfSigned() {
        var environment = environment(Map.of(
                "lethe.tls.self-signed", "true",
                "lethe.data-dir", dataDir.toString(),
                "server.ssl.certificate", "/etc/lethe/web.crt"));

        prepare(environment);

        assertThat(environment.getProperty("server.ssl.certificate")).isEqualTo("/etc/lethe/web.crt");
        assertThat(Files.exists(dataDir.resolve("tls"))).isFalse();
    }

    @Test
    void theProdStartWarnsOncePerPlaintextConnectionWithoutItsSecrets() {
        var environment = environment(Map.of(
                "spring.datasource.url", "jdbc:postgresql://db:5432/lethe",
                "spring.datasource.password", "pg-secret-1234",
                "spring.kafka.bootstrap-servers", "kafka:9092",
                "spring.kafka.properties.sasl.jaas.config", "x required password=\"kafka-secret-1234\";",
                "spring.elasticsearch.uris", "http://elastic:es-secret-1234@es:9200"));
        environment.setActiveProfiles("prod");
        var appender = new ListAppender<ILoggingEvent>();
        var logger = (Logger) LoggerFactory.getLogger(TlsSetup.class);
        appender.start();
        logger.addAppender(appender);
        try {
            prepare(environment);
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(4)
                .allSatisfy(line -> assertThat(line).startsWith("NOT SECURE: ").doesNotContain("secret"));
        assertThat(appender.list)
                .allSatisfy(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
    }

    @Test
    void theProdStartWarnsOfAPlaintextSmtpRelayWithoutItsPassword() {
        var environment = environment(Map.of(
                "lethe.portal.mail.host", "smtp.example.org",
                "lethe.portal.mail.username", "portal",
                "lethe.portal.mail.password", "smtp-secret-1234"));
        environment.setActiveProfiles("prod");
        var appender = new ListAppender<ILoggingEvent>();
        var logger = (Logger) LoggerFactory.getLogger(TlsSetup.class);
        appender.start();
        logger.addAppender(appender);
        try {
            prepare(environment);
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "starttls", Map.<String, Object>of("lethe.portal.mail.start-tls", "true")));
            prepare(environment);
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(line -> line.contains("SMTP"))
                .as("warned once: with start-tls=true the second start is quiet about the relay")
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("NOT SECURE: SMTP relay")
                        .contains("lethe.portal.mail.start-tls=true")
                        .doesNotContain("secret"));
    }

    @Test
    void outsideProdNothingIsWarned() {
        var environment = environment(Map.of("spring.datasource.url", "jdbc:postgresql://db:5432/lethe"));
        var appender = new ListAppender<ILoggingEvent>();
        var logger = (Logger) LoggerFactory.getLogger(TlsSetup.class);
        appender.start();
        logger.addAppender(appender);
        try {
            prepare(environment);
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list).isEmpty();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private static void prepare(StandardEnvironment environment) {
        TlsSetup.apply(environment);
    }
}
