package dev.lethe.connectors.jdbc;

import dev.lethe.connectors.guard.GuardedTarget;
import dev.lethe.connectors.spi.TestResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What differs between the databases of the JDBC family: how to connect, how to spell SQL, how to
 * read the schema, how to address a row and pick a batch, and what an error means. Everything else
 * (subject queries, erasure, verification, rectification, purges, discovery) is {@link
 * JdbcConnector}'s and the same for every database. Implementations are immutable and thread-safe.
 */
public interface Dialect {

    /**
     * A connection to the address the guard checked (never a second lookup of the host name), signed
     * in, with the statement timeout in force.
     */
    Connection connect(GuardedTarget target) throws SQLException;

    /** The identifier quoted so that any name is one identifier ({@code "a"} or {@code `a`}). */
    String quote(String identifier);

    /**
     * {@code sql} (a bind marker or a literal) as a value of a column of {@code type}: a cast where
     * the database needs one to compare with, write to, or use an index on the column.
     */
    String typed(String sql, String type);

    /** A column's value as text, to read with {@code getString}. */
    String asText(String column);

    /** A condition: the column's value differs from {@code sql}'s, a null counting as a value. */
    String differs(String column, String sql, String type);

    /** Whether a column of this type holds text (what MASK, HASH, TOKENIZE and REDACT_TEXT write). */
    boolean isText(String type);

    /** Whether a column of this type is a date or a timestamp (a retention clock). */
    boolean isTime(String type);

    /** The text to bind as an instant compared with a clock column of this type. */
    String timeValue(Instant instant, String type);

    /**
     * Whether JDBC metadata names a schema of the configuration as a catalog (MySQL and MariaDB:
     * the database is the catalog, the schema is null) rather than as a schema.
     */
    boolean schemasAreCatalogs();

    /**
     * Every column of the base tables in {@code schemas}, table by table in column order, with its
     * type as the server spells it and its position in the primary key (0 when not part of it).
     */
    void columns(Connection connection, List<String> schemas, ColumnSink sink) throws SQLException;

    /**
     * How a row read with {@code select ... for update} is found again to update it: the
     * expressions to select and a condition with one bind marker for each of their values (as text).
     *
     * @param primaryKey the table's primary key columns (maybe none)
     */
    RowKey rowKey(String dataset, List<String> primaryKey);

    /**
     * A statement that applies {@code change} ({@code delete from t} or {@code update t set ...}) to
     * at most one batch of the rows that match {@code pending}, the batch size bound to a marker after
     * those of {@code pending}. The connection is for a dialect whose best form depends on the table.
     */
    String batched(Connection connection, String change, String table, String pending, List<String> primaryKey)
            throws SQLException;

    /** Checks after signing in: what the configured user can read of the configured schemas. */
    List<TestResult.Check> privilegeChecks(Connection connection, List<String> schemas, String user)
            throws SQLException;

    /** What an error means and whether trying again later may cure it. */
    SqlError describe(SQLException e);

    /** A column as {@link #columns} reports it. */
    @FunctionalInterface
    interface ColumnSink {
        void column(String schema, String table, String column, String type, int keyPosition);
    }

    /** Expressions that address a row, and the condition that finds it by their values. */
    record RowKey(List<String> columns, String match) {}

    /**
     * An error classified: retriable or not, its meaning in words, and its codes (never the
     * server's message, which can quote values).
     */
    record SqlError(boolean retriable, String meaning, String codes) {}
}
