package dev.lethe.app.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ConnectionSecurityTest {

    @Test
    void warnsOncePerPlaintextConnectionNamingThePropertyToSet() {
        List<String> warnings =
                new ConnectionSecurity("prefer", "PLAINTEXT", List.of("http"), false).plaintextWarnings();

        assertThat(warnings).hasSize(4);
        assertThat(warnings.get(0)).startsWith("PostgreSQL:").contains("lethe.tls.postgres.mode=verify-full");
        assertThat(warnings.get(1)).startsWith("Kafka:").contains("spring.kafka.security.protocol");
        assertThat(warnings.get(2)).startsWith("Elasticsearch:").contains("spring.elasticsearch.uris");
        assertThat(warnings.get(3)).startsWith("Temporal:").contains("lethe.temporal.tls.enabled");
    }

    @Test
    void verifiedTlsEverywhereWarnsOfNothing() {
        assertThat(new ConnectionSecurity("verify-full", "SASL_SSL", List.of("https", "https"), true)
                        .plaintextWarnings())
                .isEmpty();
        assertThat(new ConnectionSecurity("verify-full", "ssl", List.of("https"), true).plaintextWarnings())
                .isEmpty();
    }

    @Test
    void encryptionWithoutVerificationAndSaslOverPlaintextStillWarn() {
        assertThat(new ConnectionSecurity("require", "SASL_PLAINTEXT", List.of("https"), true).plaintextWarnings())
                .satisfiesExactly(
                        postgres -> assertThat(postgres).contains("sslmode=require"),
                        kafka -> assertThat(kafka).contains("SASL_PLAINTEXT"));
        assertThat(new ConnectionSecurity("verify-ca", "SSL", List.of("https", "http"), true).plaintextWarnings())
                .satisfiesExactly(
                        postgres -> assertThat(postgres).contains("verify-ca"),
                        elasticsearch -> assertThat(elasticsearch).startsWith("Elasticsearch:"));
    }

    @Test
    void readsTheSettingsAsTheClientsSeeThemAndNeverQuotesSecrets() {
        var environment = new MockEnvironment()
                .withProperty(
                        "spring.datasource.url", "jdbc:postgresql://db:5432/lethe?password=s3cret-pg&sslmode=disable")
                .withProperty("spring.datasource.password", "s3cret-pg")
                .withProperty("spring.kafka.properties.security.protocol", "SASL_PLAINTEXT")
                .withProperty("spring.kafka.properties.sasl.jaas.config", "... password=\"s3cret-kafka\";")
                .withProperty("spring.elasticsearch.uris", "https://es-1:9200, http://elastic:s3cret-es@es-2:9200")
                .withProperty("lethe.temporal.tls.enabled", "false");

        ConnectionSecurity security = ConnectionSecurity.of(environment);

        assertThat(security)
                .isEqualTo(new ConnectionSecurity("disable", "SASL_PLAINTEXT", List.of("https", "http"), false));
        assertThat(security.plaintextWarnings()).hasSize(4).noneMatch(warning -> warning.contains("s3cret"));
    }

    @Test
    void aPlaintextSmtpRelayWarnsAndStartTlsOrImplicitTlsDoesNot() {
        assertThat(new ConnectionSecurity("verify-full", "SSL", List.of("https"), true, "plaintext")
                        .plaintextWarnings())
                .singleElement()
                .satisfies(mail -> assertThat(mail)
                        .startsWith("SMTP relay (portal mail):")
                        .contains("lethe.portal.mail.start-tls=true"));
        for (String encrypted : List.of("starttls", "ssl", "")) {
            assertThat(new ConnectionSecurity("verify-full", "SSL", List.of("https"), true, encrypted)
                            .plaintextWarnings())
                    .as(encrypted.isEmpty() ? "no relay configured" : encrypted)
                    .isEmpty();
        }
    }

    @Test
    void theSmtpRelaysTransportIsReadFromThePortalsMailSettingsWithoutItsPassword() {
        var relay = new MockEnvironment()
                .withProperty("lethe.portal.mail.host", "smtp.example.org")
                .withProperty("lethe.portal.mail.password", "s3cret-smtp");

        assertThat(ConnectionSecurity.of(relay).mailTransport()).isEqualTo("plaintext");
        assertThat(ConnectionSecurity.of(relay).plaintextWarnings())
                .anySatisfy(warning -> assertThat(warning).startsWith("SMTP relay"))
                .noneMatch(warning -> warning.contains("s3cret") || warning.contains("smtp.example.org"));
        assertThat(ConnectionSecurity.of(relay.withProperty("lethe.portal.mail.start-tls", "true"))
                        .mailTransport())
                .isEqualTo("starttls");
        assertThat(ConnectionSecurity.of(new MockEnvironment()
                                .withProperty("lethe.portal.mail.host", "smtp.example.org")
                                .withProperty("lethe.portal.mail.ssl", "true"))
                        .mailTransport())
                .isEqualTo("ssl");
        assertThat(ConnectionSecurity.of(new MockEnvironment()).mailTransport())
                .as("no relay: nothing to warn of")
                .isEmpty();
    }

    @Test
    void postgresDriverDefaultsAreReadAsTheDriverReadsThem() {
        assertThat(PostgresTls.sslMode("jdbc:postgresql://db/lethe")).isEqualTo("prefer");
        assertThat(PostgresTls.sslMode("jdbc:postgresql://db/lethe?ssl=true")).isEqualTo("verify-full");
        assertThat(PostgresTls.sslMode("jdbc:postgresql://db/lethe?ssl=true&sslmode=require"))
                .isEqualTo("require");
    }
}
