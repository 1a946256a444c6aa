package dev.lethe.ui.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UnverifiedConnectionsTest {

    @Test
    void onlyVerifyFullSslSaslSslAndHttpsCountAsVerified() {
        assertThat(UnverifiedConnections.reason("postgresql", Map.of("ssl-mode", "verify-full")))
                .isEmpty();
        assertThat(UnverifiedConnections.reason("kafka", Map.of("security-protocol", "SASL_SSL")))
                .isEmpty();
        assertThat(UnverifiedConnections.reason("elasticsearch", Map.of("url", "https://search:9200")))
                .isEmpty();
        assertThat(UnverifiedConnections.reason("mariadb", Map.of("ssl-mode", "verify-ca")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("ssl-mode verify-ca"));
        assertThat(UnverifiedConnections.reason("postgresql", Map.of("ssl-mode", "disable")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("ssl-mode disable"));
        assertThat(UnverifiedConnections.reason("kafka", Map.of("security-protocol", "plaintext")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("security-protocol PLAINTEXT"));
        assertThat(UnverifiedConnections.reason("webhook", Map.of("url", "http://user:pw@billing/lethe")))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("plain HTTP").doesNotContain("pw"));
    }

    @Test
    void aModeNobodyKnowsIsNotQuoted() {
        assertThat(UnverifiedConnections.reason("postgresql", Map.of("ssl-mode", "secret-looking-value")))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("unrecognised").doesNotContain("secret-looking-value"));
    }
}
