package dev.lethe.workflows.request;

import java.util.UUID;

/**
 * How the request store tells a request's workflow that something happened. It carries no data: what
 * changed is recorded in PostgreSQL first, and the workflow reads it from there, so a signal that is
 * lost (a worker down, the embedded server restarted) costs nothing but a delay until the reconciler
 * starts the workflow again.
 */
public interface RequestSignals {

    /** Starts the request's workflow (workflow id: the request id); does nothing if it runs already. */
    void started(UUID tenantId, UUID requestId);

    /** Wakes the request's workflow to read its request again (an approval, a skip, a completed task, …). */
    void changed(UUID tenantId, UUID requestId);

    /** For stores used without a workflow engine (tests of the store itself). */
    RequestSignals NONE = new RequestSignals() {
        @Override
        public void started(UUID tenantId, UUID requestId) {}

        @Override
        public void changed(UUID tenantId, UUID requestId) {}
    };
}
