package dev.lethe.connectors.spi;

import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * What every operation is told besides its arguments: the tenant, the id that makes a repeated
 * call recognisable (a request id, a purge run id), and whether it should stop. A long operation
 * calls {@link #checkpoint()} between batches, so a canceled request or a stopping worker ends it
 * at a batch boundary instead of mid-batch.
 */
public record OperationContext(UUID tenant, String operationId, BooleanSupplier stopRequested) {

    public OperationContext {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(stopRequested, "stopRequested");
        if (operationId == null || operationId.isBlank()) {
            throw new IllegalArgumentException("an operation needs an id");
        }
    }

    /** A context that is never asked to stop. */
    public static OperationContext of(UUID tenant, String operationId) {
        return new OperationContext(tenant, operationId, () -> false);
    }

    /** @throws OperationStoppedException when the caller asked the operation to stop */
    public void checkpoint() {
        if (stopRequested.getAsBoolean()) {
            throw new OperationStoppedException(operationId);
        }
    }
}
