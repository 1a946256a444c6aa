package dev.lethe.workflows.retention;

import dev.lethe.connectors.spi.OperationContext;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import java.util.UUID;

/**
 * The operation context a purge hands to connectors: its id names the task, and asking whether to stop
 * heartbeats, so a worker that stops (or a run canceled) ends the purge at its next batch boundary.
 */
final class RetentionOperations {

    private RetentionOperations() {}

    static OperationContext context(UUID tenantId, UUID taskId) {
        return new OperationContext(tenantId, "retention:" + taskId, RetentionOperations::stopRequested);
    }

    /** For previews, outside any activity: never asked to stop. */
    static OperationContext preview(UUID tenantId, UUID policyId) {
        return OperationContext.of(tenantId, "retention-preview:" + policyId);
    }

    private static boolean stopRequested() {
        try {
            Activity.getExecutionContext().heartbeat(null);
            return false;
        } catch (ActivityCompletionException cancelled) {
            return true;
        }
    }
}
