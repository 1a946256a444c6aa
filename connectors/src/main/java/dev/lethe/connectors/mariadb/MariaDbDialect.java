package dev.lethe.connectors.mariadb;

import dev.lethe.connectors.guard.GuardedTarget;
import dev.lethe.connectors.jdbc.Dialect;
import dev.lethe.connectors.jdbc.JdbcHosts;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.TestResult.Check;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * MySQL's and MariaDB's SQL: backquoted identifiers, bind values as they are (the server converts
 * them to the column's type), rows addressed by their primary key, batches picked in key order
 * with {@code ORDER BY ... LIMIT}, the statement timeout as a session variable, sessions in UTC,
 * and errors classified by the server's error number. A database is what JDBC metadata calls a
 * catalog.
 */
final class MariaDbDialect implements Dialect {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final MariaDbConnectorConfig config;

    MariaDbDialect(MariaDbConnectorConfig config) {
        this.config = config;
    }

    @Override
    public Connection connect(GuardedTarget target) throws SQLException {
        String address = JdbcHosts.urlHost(target, config.sslMode().equals("verify-full"));
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        properties.setProperty("password", config.password());
        properties.setProperty("sslMode", config.sslMode());
        if (config.caCertificate() != null && !config.sslMode().equals("disable")) {
            // This CA only: a private CA's connection must not also accept any public CA's certificate.
            properties.setProperty("serverSslCert", config.caCertificate());
            properties.setProperty("fallbackToSystemTrustStore", "false");
        }
        properties.setProperty("connectTimeout", "10000");
        // The guard checked this address: never follow the server to another one.
        properties.setProperty("permitRedirect", "false");
        // A server could otherwise ask for a local file of Lethe's machine (LOAD DATA LOCAL).
        properties.setProperty("allowLocalInfile", "false");
        properties.setProperty("connectionAttributes", "program_name:lethe-connector");
        Connection connection = DriverManager.getConnection(
                "jdbc:mariadb://" + address + ":" + target.port() + "/" + config.database(), properties);
        try (Statement session = connection.createStatement()) {
            long seconds = config.statementTimeout().toSeconds();
            boolean mariaDb =
                    connection.getMetaData().getDatabaseProductVersion().contains("MariaDB");
            // MySQL has no max_statement_time; its max_execution_time bounds reads only.
            session.execute("set session "
                    + (mariaDb
                            ? "max_statement_time = " + seconds
                            : "max_execution_time = "
                                    + config.statementTimeout().toMillis())
                    + ", innodb_lock_wait_timeout = " + seconds + ", time_zone = '+00:00'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Doubled backquotes make any name a single identifier. */
    @Override
    public String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not an identifier");
        }
        return '`' + identifier.replace("`", "``") + '`';
    }

    /** No cast: the server converts a string to the column's type (and still uses its index). */
    @Override
    public String typed(String sql, String type) {
        return sql;
    }

    @Override
    public String asText(String column) {
        return column;
    }

    /**
     * {@code <=>} is null-safe; text compares byte for byte, because the usual collations ignore
     * case and a correction of case is a correction too.
     */
    @Override
    public String differs(String column, String sql, String type) {
        return isText(type)
                ? "not (cast(" + column + " as binary) <=> cast(" + sql + " as binary))"
                : "not (" + column + " <=> " + sql + ")";
    }

    @Override
    public boolean isText(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith("varchar") || lower.startsWith("char") || lower.endsWith("text");
    }

    @Override
    public boolean isTime(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.equals("date") || lower.startsWith("datetime") || lower.startsWith("timestamp");
    }

    /** In UTC, the time zone of Lethe's sessions: DATETIME columns are taken to hold UTC too. */
    @Override
    public String timeValue(Instant instant, String type) {
        return type.equalsIgnoreCase("date")
                ? LocalDate.ofInstant(instant, ZoneOffset.UTC).toString()
                : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(DATETIME);
    }

    @Override
    public boolean schemasAreCatalogs() {
        return true;
    }

    @Override
    public void columns(Connection connection, List<String> schemas, ColumnSink sink) throws SQLException {
        String markers = String.join(", ", Collections.nCopies(schemas.size(), "?"));
        try (PreparedStatement query = connection.prepareStatement(
                "select c.table_schema, c.table_name, c.column_name, c.column_type, coalesce(k.ordinal_position, 0)"
                        + " from information_schema.columns c"
                        + " join information_schema.tables t on t.table_schema = c.table_schema"
                        + " and t.table_name = c.table_name and t.table_type = 'BASE TABLE'"
                        + " left join information_schema.key_column_usage k on k.constraint_schema = c.table_schema"
                        + " and k.table_name = c.table_name and k.column_name = c.column_name"
                        + " and k.constraint_name = 'PRIMARY'"
                        + " where c.table_schema in (" + markers + ")"
                        + " order by c.table_schema, c.table_name, c.ordinal_position")) {
            for (int i = 0; i < schemas.size(); i++) {
                query.setString(i + 1, schemas.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sink.column(
                            rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5));
                }
            }
        }
    }

    /** By primary key: there is no stable physical address to use instead. */
    @Override
    public RowKey rowKey(String dataset, List<String> primaryKey) {
        if (primaryKey.isEmpty()) {
            throw ConnectorException.fatal(
                    "The dataset " + dataset + " has no primary key: Lethe changes fields of MySQL and MariaDB"
                            + " records by their key (erasing whole records needs none)",
                    null);
        }
        List<String> columns = primaryKey.stream().map(this::quote).toList();
        return new RowKey(
                columns,
                String.join(
                        " and ", columns.stream().map(column -> column + " = ?").toList()));
    }

    /** A single-table DELETE or UPDATE may have ORDER BY and LIMIT: in key order, the batch walks the index. */
    @Override
    public String batched(Connection connection, String change, String table, String pending, List<String> primaryKey) {
        String order = primaryKey.isEmpty()
                ? ""
                : " order by "
                        + String.join(", ", primaryKey.stream().map(this::quote).toList());
        return change + " where " + pending + order + " limit ?";
    }

    /**
     * Every table the user can see is probed with a query that reads nothing. Tables the user has no
     * privilege on at all are invisible to it, and so to Lethe.
     */
    @Override
    public List<Check> privilegeChecks(Connection connection, List<String> schemas, String user) throws SQLException {
        List<String> unreadable = new ArrayList<>();
        for (String schema : schemas) {
            for (String table : tables(connection, schema)) {
                try (Statement probe = connection.createStatement()) {
                    probe.executeQuery("select 1 from " + quote(schema) + "." + quote(table) + " limit 0")
                            .close();
                } catch (SQLException e) {
                    if (e.getErrorCode() != 1142) { // ER_TABLEACCESS_DENIED_ERROR
                        throw e;
                    }
                    unreadable.add(schema + "." + table);
                }
            }
        }
        return List.of(
                unreadable.isEmpty()
                        ? Check.passed("tables readable")
                        : Check.failed(
                                "tables readable",
                                user + " has no SELECT on " + unreadable.size() + " table(s), e.g. "
                                        + unreadable.getFirst()));
    }

    private static List<String> tables(Connection connection, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select table_name from information_schema.tables"
                + " where table_schema = ? and table_type = 'BASE TABLE' order by table_name")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    @Override
    public SqlError describe(SQLException e) {
        return MariaDbErrors.describe(e);
    }
}
