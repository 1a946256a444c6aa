package dev.lethe.connectors.elasticsearch;

import dev.lethe.connectors.spi.ConnectorException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;

/**
 * Elasticsearch's answers, classified once: what a later attempt may cure (the cluster unreachable,
 * timeouts, 429, 5xx, a concurrent change) against what a person must fix (credentials, privileges,
 * unknown indices, mappings, TLS). Messages name the HTTP status and Elasticsearch's error type,
 * never its reason text: that can quote a document's values.
 */
final class ClusterErrors {

    private ClusterErrors() {}

    static ConnectorException io(String what, String where, IOException e) {
        if (e instanceof SSLException) {
            return ConnectorException.fatal(
                    what + " failed: the TLS handshake with " + where + " failed (certificate or protocol)", null);
        }
        String problem = e instanceof SocketTimeoutException
                        || e.getClass().getSimpleName().contains("Timeout")
                ? "the cluster did not answer within the request timeout"
                : e instanceof ConnectException || e instanceof NoRouteToHostException
                        ? "the cluster at " + where + " cannot be reached"
                        : "the connection to " + where + " failed";
        return ConnectorException.retriable(
                what + " failed: " + problem + " (" + e.getClass().getSimpleName() + ")", null);
    }

    static ConnectorException status(String what, int status, String errorType) {
        String message = what + " failed: " + describe(status, errorType) + " (HTTP " + status
                + (errorType.isEmpty() ? "" : ", " + errorType) + ")";
        return isRetriable(status, errorType)
                ? ConnectorException.retriable(message, null)
                : ConnectorException.fatal(message, null);
    }

    static boolean isRetriable(int status, String errorType) {
        return status == 429 || status >= 500 || status == 409 || errorType.equals("version_conflict_engine_exception");
    }

    static String describe(int status, String errorType) {
        if (errorType.equals("index_not_found_exception")) {
            return "an index does not exist";
        }
        if (errorType.contains("mapper") || errorType.equals("document_parsing_exception")) {
            return "a value does not fit the index's mapping";
        }
        if (status >= 300 && status < 400) {
            return "the cluster answered with a redirect, which Lethe does not follow";
        }
        return switch (status) {
            case 401 -> "the cluster refused the credentials";
            case 403 -> "the credentials lack a privilege";
            case 404 -> "the cluster does not know what was asked for";
            case 409 -> "a document changed at the same time";
            case 429 -> "the cluster is too busy (rejected the request)";
            case 502, 503, 504 -> "the cluster is unavailable";
            default -> status >= 500 ? "the cluster reported an error" : "the cluster refused the request";
        };
    }
}
