package dev.lethe.workflows.run;

import dev.lethe.workflows.request.RequestSignals;
import java.util.Collection;

/**
 * Starts the workflow of every unfinished request, e.g. at start-up: the embedded Temporal server
 * forgets its workflows when it stops, PostgreSQL does not. Idempotent: a workflow that runs already
 * is left alone, and one started again continues from the recorded progress.
 */
public final class RequestReconciler {

    private final RequestSignals signals;

    public RequestReconciler(RequestSignals signals) {
        this.signals = signals;
    }

    /** @return how many requests it started (or found running) */
    public int reconcile(Collection<RequestRef> unfinished) {
        unfinished.forEach(ref -> signals.started(ref.tenantId(), ref.requestId()));
        return unfinished.size();
    }
}
