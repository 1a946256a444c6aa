package dev.lethe.connectors.spi;

/**
 * A connector operation failed. Classified once, where the connector meets its system: retriable
 * (I/O, timeouts, 5xx, lock timeouts — the same call may work later) or fatal (bad credentials,
 * unknown table, missing privilege — a person must change something first). Messages say what is
 * wrong without secrets or personal data.
 */
public class ConnectorException extends RuntimeException {

    private final boolean retriable;

    protected ConnectorException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public static ConnectorException retriable(String message, Throwable cause) {
        return new ConnectorException(message, true, cause);
    }

    public static ConnectorException fatal(String message, Throwable cause) {
        return new ConnectorException(message, false, cause);
    }

    public boolean isRetriable() {
        return retriable;
    }
}
