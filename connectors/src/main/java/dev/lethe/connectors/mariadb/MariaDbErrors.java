package dev.lethe.connectors.mariadb;

import dev.lethe.connectors.jdbc.Dialect.SqlError;
import java.sql.SQLException;
import java.util.Set;

/**
 * MySQL's and MariaDB's errors, classified by the server's error number first (their SQL states
 * are coarse: a lock wait timeout is {@code HY000}), by SQL state for the driver's own errors.
 */
final class MariaDbErrors {

    /** What a later attempt may cure: connections, timeouts, locks, resources. */
    private static final Set<Integer> RETRIABLE = Set.of(
            1021, // disk full
            1040, // too many connections
            1041, // out of memory
            1053, // server shutdown in progress
            1114, // table is full
            1152, // connection aborted
            1153, // packet too large (a network or configuration hiccup)
            1158, // network read error
            1159, // network read timeout
            1160, // network write error
            1161, // network write timeout
            1203, // the user has too many connections
            1205, // lock wait timeout
            1213, // deadlock
            1317, // query interrupted
            1927, // connection killed
            1969, // max_statement_time exceeded (MariaDB)
            3024); // max_execution_time exceeded (MySQL)

    private MariaDbErrors() {}

    static SqlError describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        boolean retriable = RETRIABLE.contains(code)
                || state.isEmpty() // the driver lost the connection before any state
                || state.startsWith("08") // connection exceptions
                || state.equals("40001") // serialization failure, deadlock
                || state.equals("70100"); // interrupted
        String codes = "SQL state " + (state.isEmpty() ? "none" : state) + (code > 0 ? ", error " + code : "");
        return new SqlError(retriable, meaning(state, code), codes);
    }

    private static String meaning(String state, int code) {
        return switch (code) {
            case 1045 -> "the server refused the credentials";
            case 1044 -> "the user has no access to the database";
            case 1049 -> "the database does not exist";
            case 1142, 1143, 1227, 1370 -> "the user lacks a privilege";
            case 1146 -> "a table does not exist";
            case 1054 -> "a column does not exist";
            case 1451, 1217 -> "another record still refers to one being deleted (give its dataset a rule)";
            case 1406 -> "a new value does not fit its column";
            case 1292, 1366 -> "a new value is not valid for its column";
            case 1969, 3024 -> "a statement ran past the statement timeout";
            case 1205 -> "a lock was not available";
            case 1213 -> "a concurrent transaction got in the way";
            case 1040, 1203 -> "the server has no connection to spare";
            default -> {
                if (state.startsWith("08")) {
                    yield "the server cannot be reached";
                }
                if (state.startsWith("28")) {
                    yield "the server refused the credentials";
                }
                yield "the server reported an error";
            }
        };
    }
}
