package dev.lethe.connectors.jdbc;

import dev.lethe.classifier.ColumnClassification;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.classifier.PiiType;
import dev.lethe.connectors.spi.Discovery;
import dev.lethe.connectors.spi.IdentitySuggestions;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Reference;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One discovery run over the configured schemas: tables and columns from the driver's metadata,
 * foreign keys as references, and a bounded sample of each column classified in memory. Sampled
 * values live only inside {@link #sample}; nothing of them leaves but the classification.
 */
final class SchemaDiscovery {

    /** Column types (as JDBC metadata names them, lower case) that never hold text worth classifying. */
    private static final Set<String> OPAQUE_TYPES = Set.of(
            "bytea",
            "bool",
            "boolean",
            "bit",
            "binary",
            "varbinary",
            "blob",
            "tinyblob",
            "mediumblob",
            "longblob",
            "geometry");

    private final Connection connection;
    private final Dialect dialect;
    private final List<String> schemas;
    private final PiiClassifier classifier;
    private final OperationContext context;

    SchemaDiscovery(
            Connection connection,
            Dialect dialect,
            List<String> schemas,
            PiiClassifier classifier,
            OperationContext context) {
        this.connection = connection;
        this.dialect = dialect;
        this.schemas = schemas;
        this.classifier = classifier;
        this.context = context;
    }

    Discovery discover(int samplePerField) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        List<Discovery.Dataset> datasets = new ArrayList<>();
        List<Reference> references = new ArrayList<>();
        for (String schema : schemas) {
            for (String table : tables(metadata, schema)) {
                context.checkpoint();
                Map<String, String> columns = columns(metadata, schema, table);
                List<String> key = primaryKey(metadata, schema, table);
                Map<String, List<String>> samples = sample(schema, table, columns, samplePerField);
                List<Discovery.Field> fields = new ArrayList<>();
                columns.forEach((column, type) -> fields.add(field(table, column, type, key, samples.get(column))));
                datasets.add(new Discovery.Dataset(schema + "." + table, "TABLE", schema + "." + table, fields));
                references.addAll(foreignKeys(metadata, schema, table));
            }
        }
        return new Discovery(datasets, references);
    }

    private Discovery.Field field(String table, String column, String type, List<String> key, List<String> values) {
        List<String> sample = values == null ? List.of() : values;
        ColumnClassification classification = classifier.classifyColumn(column, sample);
        return Discovery.Field.classified(
                column, type, classification, identity(table, column, key, classification.type()));
    }

    /** The identity type a column holds: a contact value, or the key of a table of people. */
    private static String identity(String table, String column, List<String> key, PiiType type) {
        String contact = IdentitySuggestions.contact(type);
        if (contact != null || !key.equals(List.of(column))) {
            return contact;
        }
        return IdentitySuggestions.person(table).map(person -> person + "_id").orElse(null);
    }

    /** The catalog to pass to JDBC metadata for a schema of the configuration. */
    private String catalog(String schema) {
        return dialect.schemasAreCatalogs() ? schema : null;
    }

    /** The schema pattern to pass to JDBC metadata for a schema of the configuration. */
    private String schemaPattern(String schema) {
        return dialect.schemasAreCatalogs() ? null : schema;
    }

    private List<String> tables(DatabaseMetaData metadata, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = metadata.getTables(
                catalog(schema), schemaPattern(schema), "%", new String[] {"TABLE", "PARTITIONED TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        tables.sort(null);
        return tables;
    }

    private Map<String, String> columns(DatabaseMetaData metadata, String schema, String table) throws SQLException {
        Map<Integer, String[]> byPosition = new TreeMap<>();
        try (ResultSet rows = metadata.getColumns(catalog(schema), schemaPattern(schema), table, "%")) {
            while (rows.next()) {
                if (!table.equals(rows.getString("TABLE_NAME"))) {
                    continue; // the name is a pattern: '_' matches any character
                }
                byPosition.put(
                        rows.getInt("ORDINAL_POSITION"),
                        new String[] {rows.getString("COLUMN_NAME"), rows.getString("TYPE_NAME")});
            }
        }
        Map<String, String> columns = new LinkedHashMap<>();
        byPosition.values().forEach(column -> columns.put(column[0], column[1]));
        return columns;
    }

    private List<String> primaryKey(DatabaseMetaData metadata, String schema, String table) throws SQLException {
        Map<Integer, String> bySequence = new TreeMap<>();
        try (ResultSet rows = metadata.getPrimaryKeys(catalog(schema), schemaPattern(schema), table)) {
            while (rows.next()) {
                bySequence.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(bySequence.values());
    }

    private List<Reference> foreignKeys(DatabaseMetaData metadata, String schema, String table) throws SQLException {
        record Pair(int sequence, String from, String toTable, String to) {}
        Map<String, List<Pair>> byKey = new TreeMap<>();
        try (ResultSet rows = metadata.getImportedKeys(catalog(schema), schemaPattern(schema), table)) {
            while (rows.next()) {
                String toSchema = rows.getString(dialect.schemasAreCatalogs() ? "PKTABLE_CAT" : "PKTABLE_SCHEM");
                String toTable = toSchema + "." + rows.getString("PKTABLE_NAME");
                String name = rows.getString("FK_NAME") == null ? toTable : rows.getString("FK_NAME");
                byKey.computeIfAbsent(name, k -> new ArrayList<>())
                        .add(new Pair(
                                rows.getInt("KEY_SEQ"),
                                rows.getString("FKCOLUMN_NAME"),
                                toTable,
                                rows.getString("PKCOLUMN_NAME")));
            }
        }
        List<Reference> references = new ArrayList<>();
        for (List<Pair> pairs : byKey.values()) {
            pairs.sort((a, b) -> Integer.compare(a.sequence(), b.sequence()));
            references.add(new Reference(
                    schema + "." + table,
                    pairs.stream().map(Pair::from).toList(),
                    pairs.getFirst().toTable(),
                    pairs.stream().map(Pair::to).toList()));
        }
        return references;
    }

    /**
     * Up to {@code limit} non-null values of each text-like column, read in one statement per table.
     * The identifiers come from the server's own metadata and are quoted; the limit is a bind value.
     */
    private Map<String, List<String>> sample(String schema, String table, Map<String, String> columns, int limit)
            throws SQLException {
        List<String> sampled = columns.entrySet().stream()
                .filter(column -> !OPAQUE_TYPES.contains(column.getValue().toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getKey)
                .toList();
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (sampled.isEmpty() || limit == 0) {
            return values;
        }
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < sampled.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.asText(dialect.quote(sampled.get(i))));
        }
        sql.append(" from ")
                .append(dialect.quote(schema))
                .append(".")
                .append(dialect.quote(table))
                .append(" limit ?");
        try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
            query.setInt(1, limit);
            query.setFetchSize(Math.min(limit, 500));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    for (int i = 0; i < sampled.size(); i++) {
                        String value = rows.getString(i + 1);
                        if (value != null) {
                            values.computeIfAbsent(sampled.get(i), k -> new ArrayList<>())
                                    .add(value);
                        }
                    }
                }
            }
        }
        return values;
    }
}
