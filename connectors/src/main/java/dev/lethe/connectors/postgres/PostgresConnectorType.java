package dev.lethe.connectors.postgres;

import dev.lethe.connectors.jdbc.JdbcConnector;
import dev.lethe.connectors.jdbc.JdbcSettings;
import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.ConfigField;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorConfig;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ConnectorType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** PostgreSQL 12 and newer, through its JDBC driver: a database of the JDBC family ({@link JdbcConnector}). */
public final class PostgresConnectorType implements ConnectorType {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String description() {
        return "A PostgreSQL database: tables as datasets, columns as fields, foreign keys as references";
    }

    @Override
    public List<ConfigField> fields() {
        return PostgresConnectorConfig.FIELDS;
    }

    @Override
    public Map<String, List<String>> allowedValues() {
        return Map.of(PostgresConnectorConfig.SSL_MODE.name(), PostgresConnectorConfig.SSL_MODE_VALUES);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(
                Capability.TEST,
                Capability.DISCOVER,
                Capability.LOCATE,
                Capability.ACCESS,
                Capability.ERASE,
                Capability.RECTIFY,
                Capability.PURGE,
                Capability.VERIFY);
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorRuntime runtime) {
        PostgresConnectorConfig settings = PostgresConnectorConfig.from(config);
        return new JdbcConnector(
                new JdbcSettings(settings.host(), settings.port(), settings.user(), settings.schemas()),
                new PostgresDialect(settings),
                runtime);
    }
}
