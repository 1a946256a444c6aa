package dev.lethe.connectors.postgres;

import dev.lethe.connectors.spi.ConnectorException;
import java.sql.SQLException;

/**
 * PostgreSQL's SQL states, classified once: what a later attempt may cure (connection, timeouts,
 * locks, serialization, resources) against what a person must fix (credentials, privileges,
 * unknown objects). Messages carry the state, never the server's text (it can quote values).
 */
final class SqlErrors {

    private SqlErrors() {}

    static ConnectorException classify(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message =
                what + " failed: " + describe(state) + " (SQL state " + (state.isEmpty() ? "none" : state) + ")";
        return isRetriable(state)
                ? ConnectorException.retriable(message, null)
                : ConnectorException.fatal(message, null);
    }

    static boolean isRetriable(String state) {
        return state.isEmpty() // the driver lost the connection before any state
                || state.startsWith("08") // connection exceptions
                || state.startsWith("53") // insufficient resources
                || state.startsWith("57") // operator intervention, query_canceled (statement timeout)
                || state.equals("40001") // serialization failure
                || state.equals("40P01") // deadlock
                || state.equals("55P03"); // lock not available
    }

    static String describe(String state) {
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
