package dev.lethe.connectors.spi;

/**
 * An open connection to one system, made by {@link ConnectorType#open}. What else it can do is
 * told by the capability interfaces it implements ({@link Discovering}, …), which match its type's
 * {@link ConnectorType#capabilities()}.
 *
 * <p>Implementations are thread-safe: one connection serves concurrent operations. Operations
 * throw {@link ConnectorException} (classified retriable or fatal) and {@link
 * OperationStoppedException}, nothing else.
 */
public interface Connector extends AutoCloseable {

    /**
     * Whether Lethe can reach and use the system with these settings: each check (reach the host,
     * authenticate, the privileges an operation needs) with its outcome. Never throws for a failed
     * check: a failure is a result.
     */
    TestResult test(OperationContext context);

    /** Releases the connection's resources (pools, clients); idempotent. */
    @Override
    void close();
}
