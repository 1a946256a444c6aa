package dev.lethe.connectors.jdbc;

import dev.lethe.connectors.spi.ConnectorException;
import java.sql.SQLException;

/**
 * Errors of the database, classified once at the boundary by the dialect: what a later attempt may
 * cure against what a person must fix. Messages carry the codes, never the server's text (it can
 * quote values).
 */
final class SqlErrors {

    private SqlErrors() {}

    static ConnectorException classify(Dialect dialect, String what, SQLException e) {
        SQLException cause = e;
        // A failed batch wraps the statement's error.
        while (cause.getSQLState() == null && cause.getCause() instanceof SQLException inner) {
            cause = inner;
        }
        Dialect.SqlError error = dialect.describe(cause);
        String message = what + " failed: " + error.meaning() + " (" + error.codes() + ")";
        return error.retriable()
                ? ConnectorException.retriable(message, null)
                : ConnectorException.fatal(message, null);
    }
}
