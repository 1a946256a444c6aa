package dev.lethe.workflows.steps;

import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.workflows.run.RequestRef;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import java.util.Optional;
import java.util.UUID;

/**
 * The operation context a request's activities hand to connectors. Its id names the request, so a
 * retried activity is recognised by the system (a webhook's pending operation, a manual task) and a
 * completed pending operation leads back to the request. Asking whether to stop heartbeats: a
 * cancelled request's activity learns it at its next batch boundary.
 */
public final class RequestOperations {

    private static final String PREFIX = "request:";

    private RequestOperations() {}

    static OperationContext context(RequestRef ref) {
        return new OperationContext(ref.tenantId(), operationId(ref.requestId()), RequestOperations::stopRequested);
    }

    public static String operationId(UUID requestId) {
        return PREFIX + requestId;
    }

    /** The request an operation id names, if it is a request's. */
    public static Optional<UUID> requestOf(String operationId) {
        if (operationId == null || !operationId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(operationId.substring(PREFIX.length())));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
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
