package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ConnectorType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Elasticsearch 8 and newer, through its REST API. */
public final class ElasticsearchConnectorType implements ConnectorType {

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public String description() {
        return "An Elasticsearch cluster: indices as datasets, their mappings' fields as fields";
    }

    @Override
    public List<ConfigField> fields() {
        return ElasticsearchConnectorConfig.FIELDS;
    }

    @Override
    public Set<Capability> capabilities() {
        // PURGE: retention runs choose a connection by its type's capabilities (the connector purges since c036249).
        return Set.of(Capability.TEST, Capability.DISCOVER, Capability.LOCATE, Capability.ACCESS, Capability.PURGE);
    }

    /** The fields one by one, then what only makes sense together (a password needs a user). */
    @Override
    public ConnectorConfig configure(Map<String, String> raw) {
        ConnectorConfig config = ConnectorConfig.of(fields(), raw);
        ElasticsearchConnectorConfig.from(config);
        return config;
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorRuntime runtime) {
        return new ElasticsearchConnector(ElasticsearchConnectorConfig.from(config), runtime);
    }
}
