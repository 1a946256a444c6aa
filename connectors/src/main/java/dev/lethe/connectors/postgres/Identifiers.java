package dev.lethe.connectors.postgres;

/**
 * SQL identifiers from the catalog or the server's own metadata, quoted. Quoting with doubled
 * quotes makes any name a single identifier; names come from the discovered schema, never from a
 * request.
 */
final class Identifiers {

    private Identifiers() {}

    static String quote(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not an identifier");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }
}
