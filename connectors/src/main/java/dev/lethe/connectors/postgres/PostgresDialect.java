package dev.lethe.connectors.postgres;

import dev.lethe.connectors.guard.GuardedTarget;
import dev.lethe.connectors.jdbc.Dialect;
import dev.lethe.connectors.jdbc.JdbcHosts;
import dev.lethe.connectors.spi.TestResult.Check;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * PostgreSQL's SQL: double-quoted identifiers, bind values cast to the column's type, rows addressed
 * by {@code (tableoid, ctid)} (no key needed), the statement timeout as a connection option, and
 * errors classified by SQL state.
 */
final class PostgresDialect implements Dialect {

    private final PostgresConnectorConfig config;

    PostgresDialect(PostgresConnectorConfig config) {
        this.config = config;
    }

    @Override
    public Connection connect(GuardedTarget target) throws SQLException {
        String address = JdbcHosts.urlHost(target, config.sslMode().equals("verify-full"));
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        properties.setProperty("password", config.password());
        properties.setProperty("sslmode", config.sslMode());
        if (config.sslMode().startsWith("verify-")) {
            // The connection's own CA, or Java's trusted CAs (the driver's default is a file in the
            // home directory of whoever runs Lethe). verify-full still checks the host name.
            if (config.caCertificate() != null) {
                properties.setProperty("sslfactory", "org.postgresql.ssl.SingleCertValidatingFactory");
                properties.setProperty("sslfactoryarg", config.caCertificate());
            } else {
                properties.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
            }
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("ApplicationName", "lethe-connector");
        properties.setProperty(
                "options", "-c statement_timeout=" + config.statementTimeout().toMillis());
        return DriverManager.getConnection(
                "jdbc:postgresql://" + address + ":" + target.port() + "/" + config.database(), properties);
    }

    /** Doubled quotes make any name a single identifier. */
    @Override
    public String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not an identifier");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String typed(String sql, String type) {
        return "cast(" + sql + " as " + type + ")";
    }

    @Override
    public String asText(String column) {
        return column + "::text";
    }

    @Override
    public String differs(String column, String sql, String type) {
        return column + " is distinct from " + sql;
    }

    @Override
    public boolean isText(String type) {
        return type.equals("text") || type.startsWith("character") || type.equals("citext");
    }

    @Override
    public boolean isTime(String type) {
        return type.equals("date") || type.startsWith("timestamp");
    }

    @Override
    public String timeValue(Instant instant, String type) {
        return instant.toString();
    }

    @Override
    public boolean schemasAreCatalogs() {
        return false;
    }

    @Override
    public void columns(Connection connection, List<String> schemas, ColumnSink sink) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),"
                        + " coalesce((select k.position from pg_index i,"
                        + " unnest(i.indkey::int2[]) with ordinality k(attnum, position)"
                        + " where i.indrelid = c.oid and i.indisprimary and k.attnum = a.attnum), 0) from pg_attribute a"
                        + " join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
                        + " where c.relkind in ('r', 'p') and n.nspname = any(?::text[])"
                        + " and a.attnum > 0 and not a.attisdropped order by n.nspname, c.relname, a.attnum")) {
            query.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    // Rows are addressed by (tableoid, ctid); the key is for purges that walk a table in order.
                    sink.column(
                            rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5));
                }
            }
        }
    }

    /** The row's physical address: works for tables without a key, and is stable under {@code for update}. */
    @Override
    public RowKey rowKey(String dataset, List<String> primaryKey) {
        return new RowKey(
                List.of("tableoid::text", "ctid::text"), "tableoid = cast(? as oid) and ctid = cast(? as tid)");
    }

    @Override
    public String batched(Connection connection, String change, String table, String pending, List<String> primaryKey)
            throws SQLException {
        if (partitioned(connection, table)) {
            // A row's ctid is unique only within its partition.
            return change + " where (tableoid, ctid) in (select tableoid, ctid from " + table + " where " + pending
                    + " limit ?)";
        }
        // One TID scan for the whole batch, where "in (select ...)" looks each row up on its own: measured
        // 1.5x fewer CPU seconds per deleted row (bench/results/retention.md).
        return change + " where ctid = any(array(select ctid from " + table + " where " + pending + " limit ?))";
    }

    private static boolean partitioned(Connection connection, String table) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select relkind = 'p' from pg_class where oid = cast(? as regclass)")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    @Override
    public List<Check> privilegeChecks(Connection connection, List<String> schemas, String user) throws SQLException {
        return List.of(schemasReadable(connection, schemas, user), tablesReadable(connection, schemas, user));
    }

    private static Check schemasReadable(Connection connection, List<String> schemas, String user) throws SQLException {
        List<String> unreadable = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select s from unnest(?::text[]) s where not exists"
                + " (select 1 from pg_namespace n where n.nspname = s and has_schema_privilege(n.oid, 'USAGE'))")) {
            query.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    unreadable.add(rows.getString(1));
                }
            }
        }
        return unreadable.isEmpty()
                ? Check.passed("schemas readable")
                : Check.failed(
                        "schemas readable",
                        "missing or without USAGE for " + user + ": " + String.join(", ", unreadable));
    }

    private static Check tablesReadable(Connection connection, List<String> schemas, String user) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select count(*), min(n.nspname || '.' || c.relname) from pg_class c"
                        + " join pg_namespace n on n.oid = c.relnamespace"
                        + " where c.relkind in ('r', 'p') and n.nspname = any(?::text[])"
                        + " and has_schema_privilege(n.oid, 'USAGE') and not has_table_privilege(c.oid, 'SELECT')")) {
            query.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                long count = rows.getLong(1);
                return count == 0
                        ? Check.passed("tables readable")
                        : Check.failed(
                                "tables readable",
                                user + " has no SELECT on " + count + " table(s), e.g. " + rows.getString(2));
            }
        }
    }

    /**
     * By SQL state: what a later attempt may cure (connection, timeouts, locks, serialization,
     * resources) against what a person must fix (credentials, privileges, unknown objects).
     */
    @Override
    public SqlError describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return new SqlError(isRetriable(state), meaning(state), "SQL state " + (state.isEmpty() ? "none" : state));
    }

    private static boolean isRetriable(String state) {
        return state.isEmpty() // the driver lost the connection before any state
                || state.startsWith("08") // connection exceptions
                || state.startsWith("53") // insufficient resources
                || state.startsWith("57") // operator intervention, query_canceled (statement timeout)
                || state.equals("40001") // serialization failure
                || state.equals("40P01") // deadlock
                || state.equals("55P03"); // lock not available
    }

    private static String meaning(String state) {
        if (state.startsWith("08")) {
            return "the server cannot be reached";
        }
        if (state.startsWith("28")) {
            return "the server refused the credentials";
        }
        return switch (state) {
            case "3D000" -> "the database does not exist";
            case "42501" -> "the login role lacks a privilege";
            case "42P01" -> "a table does not exist";
            case "42703" -> "a column does not exist";
            case "23503" -> "another record still refers to one being deleted (give its dataset a rule)";
            case "22001" -> "a new value does not fit its column";
            case "57014" -> "a statement ran past the statement timeout";
            case "40001", "40P01" -> "a concurrent transaction got in the way";
            case "55P03" -> "a lock was not available";
            default -> "the server reported an error";
        };
    }
}
