package dev.lethe.connectors.kafka;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ConnectorType;
import dev.lethe.vault.Vault;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Kafka 3 and newer, through its Java client. Beyond the runtime it needs the vault (to shred a
 * subject's key and reveal tokens for access packages) and ingest's locator in Elasticsearch (where
 * each subject's records are): Lethe's own services, not the registered system's, so they are given
 * here and never configured per connection.
 *
 * <p>No RECTIFY (a log is not changed in place). PURGE deletes the expired prefix of a topic (clock:
 * the record timestamp) on Lethe's schedule and under its legal holds, besides the topic's own
 * {@code retention.ms}, which discovery and erasure reports show.
 */
public final class KafkaConnectorType implements ConnectorType {

    private final Vault vault;
    private final ElasticsearchClient locator;

    public KafkaConnectorType(Vault vault, ElasticsearchClient locator) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.locator = Objects.requireNonNull(locator, "locator");
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String description() {
        return "A Kafka cluster: topics as datasets, JSON value paths as fields, subjects found through Lethe's"
                + " locator; erasure by crypto-shredding and tombstones";
    }

    @Override
    public List<ConfigField> fields() {
        return KafkaConnectorConfig.FIELDS;
    }

    @Override
    public Map<String, List<String>> allowedValues() {
        return Map.of(KafkaConnectorConfig.SECURITY_PROTOCOL.name(), KafkaConnectorConfig.PROTOCOL_VALUES);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(
                Capability.TEST,
                Capability.DISCOVER,
                Capability.LOCATE,
                Capability.ACCESS,
                Capability.ERASE,
                Capability.VERIFY,
                Capability.PURGE);
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorRuntime runtime) {
        return new KafkaConnector(KafkaConnectorConfig.from(config), runtime, vault, new LocatorEntries(locator));
    }
}
