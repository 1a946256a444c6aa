package dev.lethe.ui.connectors.callback;

import java.util.UUID;

/**
 * Whether the operation a pending operation belongs to has ended (a request denied, canceled or
 * completed): nothing will collect a result sent for it, so a callback for it is refused and its
 * result not kept. Called in the operation's tenant scope.
 */
@FunctionalInterface
public interface ClosedOperations {

    /** Nothing is closed: every callback is kept until collected. */
    ClosedOperations NONE = (tenantId, operationId) -> false;

    /** @param operationId the id of the operation that opened it ({@code OperationContext.operationId()}) */
    boolean closed(UUID tenantId, String operationId);
}
