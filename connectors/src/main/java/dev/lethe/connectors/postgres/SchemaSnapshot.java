package dev.lethe.connectors.postgres;

import dev.lethe.connectors.spi.ConnectorException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables and columns of the configured schemas as the server reports them right now, with each
 * column's type. Every dataset and field name that comes from the catalog is checked against it
 * before it is quoted into a statement: a name the server does not have is a fatal error, not SQL.
 */
final class SchemaSnapshot {

    private final Map<String, Map<String, String>> columnTypes;

    private SchemaSnapshot(Map<String, Map<String, String>> columnTypes) {
        this.columnTypes = columnTypes;
    }

    static SchemaSnapshot read(Connection connection, List<String> schemas) throws SQLException {
        Map<String, Map<String, String>> tables = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod) from pg_attribute a"
                        + " join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
                        + " where c.relkind in ('r', 'p') and n.nspname = any(?::text[])"
                        + " and a.attnum > 0 and not a.attisdropped order by n.nspname, c.relname, a.attnum")) {
            query.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.computeIfAbsent(rows.getString(1) + "." + rows.getString(2), k -> new LinkedHashMap<>())
                            .put(rows.getString(3), rows.getString(4));
                }
            }
        }
        return new SchemaSnapshot(tables);
    }

    /** The quoted, schema-qualified name of a dataset that exists. */
    String table(String dataset) {
        if (!columnTypes.containsKey(dataset)) {
            throw ConnectorException.fatal(
                    "The dataset " + dataset + " is not a table of the configured schemas", null);
        }
        int dot = dataset.indexOf('.');
        return Identifiers.qualified(dataset.substring(0, dot), dataset.substring(dot + 1));
    }

    /** The type of a column that exists, as the server spells it ({@code bigint}, {@code text}, …). */
    String type(String dataset, String column) {
        table(dataset);
        String type = columnTypes.get(dataset).get(column);
        if (type == null) {
            throw ConnectorException.fatal("The field " + column + " is not a column of " + dataset, null);
        }
        return type;
    }
}
