package dev.lethe.ui.connectors.callback;

import java.util.UUID;

/**
 * Told when a pending operation completes (a service called back, a person confirmed a task), after
 * the completion is committed: how the operation that waits for it — a request's workflow — learns to
 * collect it. Called at most once per pending operation.
 */
@FunctionalInterface
public interface PendingCompletions {

    /** @param operationId the id of the operation that opened it ({@code OperationContext.operationId()}) */
    void completed(UUID tenantId, String operationId);
}
