package dev.lethe.workflows.run;

import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.SystemProgress;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.UUID;

/**
 * The workflow's view of its request: the last snapshot read, and whether a {@code changed} signal
 * arrived since it was read. Shared by the workflow's coroutines (Temporal runs them one at a time),
 * read again only by the main loop.
 */
final class RequestView {

    private final RequestActivities store;
    private final RequestRef ref;
    private RequestSnapshot latest;
    private int signals;
    private int signalsAtRead;
    private int version;

    RequestView(RequestActivities store, RequestRef ref) {
        this.store = store;
        this.ref = ref;
    }

    void signalled() {
        signals++;
    }

    /** Reads the request again; a signal that arrives while it reads counts as a new change. */
    RequestSnapshot refresh() {
        int before = signals;
        latest = store.snapshot(ref);
        signalsAtRead = before;
        version++;
        return latest;
    }

    /** Waits for a change (or {@code recheck}, in case a signal was lost), then reads again. */
    RequestSnapshot awaitChange(Duration recheck) {
        Workflow.await(recheck, this::changedSinceRead);
        return refresh();
    }

    boolean changedSinceRead() {
        return signals > signalsAtRead;
    }

    RequestSnapshot latest() {
        return latest;
    }

    /** Grows with every read; coroutines wait for it to grow to see a newer snapshot. */
    int version() {
        return version;
    }

    SystemProgress system(UUID connectionId) {
        return latest.systems().stream()
                .filter(p -> p.connectionId().equals(connectionId))
                .findFirst()
                .orElse(null);
    }
}
