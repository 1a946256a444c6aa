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

    /** Said when TLS could not be set up; names the settings to look at, never the driver's text. */
    static final String TLS_FAILED = "TLS could not be set up: the server offers no TLS, or its certificate is not"
            + " signed by a trusted CA (see ca-certificate) or not for the host name. A local or test system"
            + " without TLS needs ssl-mode disable, stated in the connection";

    static ConnectorException classify(Dialect dialect, String what, SQLException e) {
        if (isTls(e)) {
            // Fatal: a person must change the server or the connection's settings.
            return ConnectorException.fatal(what + " failed: " + TLS_FAILED, null);
        }
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

    /**
     * A handshake or certificate failure anywhere in the chain, or a driver's refusal to go on
     * without the TLS the settings ask for (MariaDB: "ssl not enabled in the server", PostgreSQL:
     * "The server does not support SSL", or a host name the certificate is not for). Only the drivers' own texts are read, never returned.
     */
    static boolean isTls(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException
                    || cause instanceof java.security.cert.CertificateException) {
                return true;
            }
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            if (message.contains("ssl not enabled in the server")
                    || message.contains("does not support SSL")
                    || message.contains("could not be verified by hostnameverifier")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
