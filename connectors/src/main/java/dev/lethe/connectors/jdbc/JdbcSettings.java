package dev.lethe.connectors.jdbc;

import java.util.List;

/**
 * What every connector of the JDBC family needs from its configuration beyond its {@link Dialect}:
 * where the server is (for the guard), who signs in (for messages) and which schemas Lethe may read
 * and change (datasets are named {@code schema.table}).
 */
public record JdbcSettings(String host, int port, String user, List<String> schemas) {

    public JdbcSettings {
        schemas = List.copyOf(schemas);
    }
}
