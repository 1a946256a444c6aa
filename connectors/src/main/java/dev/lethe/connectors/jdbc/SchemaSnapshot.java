package dev.lethe.connectors.jdbc;

import dev.lethe.connectors.spi.ConnectorException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables and columns of the configured schemas as the server reports them right now, with each
 * column's type and each table's primary key. Every dataset and field name that comes from the
 * catalog is checked against it before it is quoted into a statement: a name the server does not
 * have is a fatal error, not SQL.
 */
final class SchemaSnapshot {

    private record Table(Map<String, String> columnTypes, List<String> primaryKey) {}

    private final Dialect dialect;
    private final Map<String, Table> tables;

    private SchemaSnapshot(Dialect dialect, Map<String, Table> tables) {
        this.dialect = dialect;
        this.tables = tables;
    }

    static SchemaSnapshot read(Connection connection, Dialect dialect, List<String> schemas) throws SQLException {
        Map<String, Map<String, String>> columns = new HashMap<>();
        Map<String, Map<Integer, String>> keys = new HashMap<>();
        dialect.columns(connection, schemas, (schema, table, column, type, keyPosition) -> {
            String dataset = schema + "." + table;
            columns.computeIfAbsent(dataset, k -> new LinkedHashMap<>()).put(column, type);
            if (keyPosition > 0) {
                keys.computeIfAbsent(dataset, k -> new TreeMap<>()).put(keyPosition, column);
            }
        });
        Map<String, Table> tables = new HashMap<>();
        columns.forEach((dataset, types) -> tables.put(
                dataset,
                new Table(
                        types, List.copyOf(keys.getOrDefault(dataset, Map.of()).values()))));
        return new SchemaSnapshot(dialect, tables);
    }

    Dialect dialect() {
        return dialect;
    }

    /** The quoted, schema-qualified name of a dataset that exists. */
    String table(String dataset) {
        if (!tables.containsKey(dataset)) {
            throw ConnectorException.fatal(
                    "The dataset " + dataset + " is not a table of the configured schemas", null);
        }
        int dot = dataset.indexOf('.');
        return dialect.quote(dataset.substring(0, dot)) + "." + dialect.quote(dataset.substring(dot + 1));
    }

    /** The type of a column that exists, as the server spells it ({@code bigint}, {@code text}, …). */
    String type(String dataset, String column) {
        table(dataset);
        String type = tables.get(dataset).columnTypes().get(column);
        if (type == null) {
            throw ConnectorException.fatal("The field " + column + " is not a column of " + dataset, null);
        }
        return type;
    }

    /** The primary key columns of a dataset that exists, in key order; empty when it has none. */
    List<String> primaryKey(String dataset) {
        table(dataset);
        return tables.get(dataset).primaryKey();
    }

    /** A column of a dataset that exists, quoted. */
    String column(String dataset, String column) {
        type(dataset, column);
        return dialect.quote(column);
    }
}
