package dev.lethe.connectors.spi;

/** An operation ended at a checkpoint because its caller asked it to stop; what it did stays done. */
public final class OperationStoppedException extends RuntimeException {

    public OperationStoppedException(String operationId) {
        super("Operation " + operationId + " stopped on request");
    }
}
