package dev.lethe.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.connectors.kafka.KafkaConnectorConfig.BrokerAddress;
import dev.lethe.connectors.kafka.KafkaConnectorConfig.IngestStream;
import dev.lethe.connectors.spi.ConfigProblem;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.InvalidConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConnectorConfigTest {

    @Test
    void settingsAreTypedWithDefaults() {
        KafkaConnectorConfig config = KafkaConnectorConfig.from(ConnectorConfig.of(
                KafkaConnectorConfig.FIELDS,
                Map.of(
                        "bootstrap-servers", "kafka-1.internal:9092, [::1]:9093",
                        "topics", "orders.*,profiles",
                        "ingest-streams", "orders.raw -> orders.clean")));

        assertThat(config.bootstrapServers())
                .containsExactly(new BrokerAddress("kafka-1.internal", 9092), new BrokerAddress("[::1]", 9093));
        assertThat(config.securityProtocol()).isEqualTo("SSL");
        assertThat(config.tls()).isTrue();
        assertThat(config.caCertificate()).isNull();
        assertThat(config.subjectIdentity()).isEqualTo("customer_id");
        assertThat(config.streams()).containsExactly(new IngestStream("orders.raw", "orders.clean"));
        assertThat(config.covers("orders.clean")).isTrue();
        assertThat(config.covers("profiles")).isTrue();
        assertThat(config.covers("profiles.v2")).isFalse();
        assertThat(config.streamWithTarget("orders.clean")).isPresent();
        assertThat(config.streamWithTarget("orders.raw")).isEmpty();
    }

    @Test
    void badSettingsAreNamedAndTheSaslPasswordIsNeverShown() {
        assertThatThrownBy(() -> ConnectorConfig.of(
                        KafkaConnectorConfig.FIELDS,
                        Map.of(
                                "bootstrap-servers", "kafka:99999,nohostport",
                                "security-protocol", "SASL_PLAINTEXT",
                                "topics", "orders topic",
                                "ingest-streams", "orders->orders",
                                "sasl-password", "hunter2-secret")))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class,
                        e -> assertThat(e.problems())
                                .extracting(ConfigProblem::field)
                                .containsExactlyInAnyOrder(
                                        "bootstrap-servers", "security-protocol", "topics", "ingest-streams"))
                .hasMessageNotContaining("hunter2-secret");

        ConnectorConfig config = ConnectorConfig.of(
                KafkaConnectorConfig.FIELDS,
                Map.of(
                        "bootstrap-servers", "kafka:9092",
                        "topics", "orders",
                        "security-protocol", "SASL_SSL",
                        "sasl-username", "lethe",
                        "sasl-password", "hunter2-secret"));
        assertThat(config.toString()).doesNotContain("hunter2-secret");
        assertThat(KafkaConnectorConfig.from(config).toString()).doesNotContain("hunter2-secret");
    }

    @Test
    void tombstoneKeysAreTheBytesTheLocatorDescribes() {
        assertThat(KafkaErasure.keyBytes("cust-1")).containsExactly("cust-1".getBytes(StandardCharsets.UTF_8));
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x01};
        String text = RecordValues.keyText(binary);
        assertThat(KafkaErasure.keyBytes(text)).containsExactly(text.getBytes(StandardCharsets.UTF_8), binary);
    }

    @Test
    void recordValuesAreFlattenedToPaths() {
        var values = RecordValues.flatten(
                "{\"customer\":{\"email\":\"a@b.c\",\"vip\":true},\"items\":[{\"sku\":\"X\",\"n\":2}],\"gone\":null}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(values)
                .containsEntry("customer.email", "a@b.c")
                .containsEntry("customer.vip", true)
                .containsEntry("items[0].sku", "X")
                .containsEntry("items[0].n", 2L)
                .containsEntry("gone", null);
        assertThat(RecordValues.flatten("plain text".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(Map.entry("value", "plain text"));
        assertThat(RecordValues.flatten(null)).isEmpty();
    }
}
