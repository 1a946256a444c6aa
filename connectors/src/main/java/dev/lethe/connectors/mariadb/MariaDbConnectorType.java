package dev.lethe.connectors.mariadb;

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

/**
 * MariaDB 10.3 and newer and MySQL 8, through MariaDB's JDBC driver: a database of the JDBC family
 * ({@link JdbcConnector}). Datasets are named {@code database.table}.
 */
public final class MariaDbConnectorType implements ConnectorType {

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public String description() {
        return "A MySQL or MariaDB database: tables as datasets, columns as fields, foreign keys as references";
    }

    @Override
    public List<ConfigField> fields() {
        return MariaDbConnectorConfig.FIELDS;
    }

    @Override
    public Map<String, List<String>> allowedValues() {
        return Map.of(MariaDbConnectorConfig.SSL_MODE.name(), MariaDbConnectorConfig.SSL_MODE_VALUES);
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
        MariaDbConnectorConfig settings = MariaDbConnectorConfig.from(config);
        return new JdbcConnector(
                new JdbcSettings(settings.host(), settings.port(), settings.user(), List.of(settings.database())),
                new MariaDbDialect(settings),
                runtime);
    }
}
