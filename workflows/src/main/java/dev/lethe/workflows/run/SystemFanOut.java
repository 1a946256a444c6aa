package dev.lethe.workflows.run;

import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One coroutine per connected system that is not settled yet, each running its system until it is
 * DONE or SKIPPED: run; wait for a manual task or callback and collect it; after a failure for good,
 * record it FAILED and wait for an officer's retry or skip. Meanwhile the main loop reads the request
 * on every {@code changed} signal: a cancellation cancels the running activities, a hold stops new
 * ones from starting.
 */
final class SystemFanOut {

    private final RequestView view;
    private final RequestActivities store;
    private final RequestActivities systems;
    private final RequestRef ref;
    private final Duration recheck;
    private long exceptions;

    SystemFanOut(
            RequestView view, RequestActivities store, RequestActivities systems, RequestRef ref, Duration recheck) {
        this.view = view;
        this.store = store;
        this.systems = systems;
        this.ref = ref;
        this.recheck = recheck;
    }

    /** @return false if the request was closed (canceled) meanwhile; its activities are cancelled */
    boolean run(RequestSnapshot snapshot) {
        List<Promise<Void>> runs = new ArrayList<>();
        CancellationScope scope = Workflow.newCancellationScope(() -> {
            for (SystemProgress progress : snapshot.systems()) {
                if (!progress.state().settled()) {
                    runs.add(Async.procedure(this::drive, progress));
                }
            }
        });
        scope.run();
        while (!allDone(runs)) {
            Workflow.await(recheck, () -> view.changedSinceRead() || allDone(runs));
            if (!allDone(runs) && view.refresh().status().closed()) {
                scope.cancel("the request was closed");
                return false;
            }
        }
        return true;
    }

    /** What the systems' outcomes reported as not done or retained in this run. */
    long exceptions() {
        return exceptions;
    }

    private static boolean allDone(List<Promise<Void>> runs) {
        return runs.stream().allMatch(Promise::isCompleted);
    }

    private void drive(SystemProgress start) {
        UUID id = start.connectionId();
        SystemState state = start.state();
        int attempts = start.attempts();
        boolean resumed = true;
        while (!state.settled()) {
            Workflow.await(() -> view.latest().status() != RequestStatus.ON_HOLD);
            switch (state) {
                case FAILED -> {
                    SystemProgress acted = awaitOfficer(id, attempts);
                    state = acted.state();
                    attempts = acted.attempts();
                }
                case WAITING -> {
                    if (!resumed) {
                        int seen = view.version();
                        Workflow.await(() -> view.version() > seen);
                        SystemProgress now = view.system(id);
                        if (followsStore(now, attempts)) {
                            // Settled, failed or retried by a person while it waited: follow the store.
                            state = now.state();
                            attempts = now.attempts();
                            continue;
                        }
                    }
                    state = call(id, () -> systems.collect(ref, id));
                }
                default -> state = call(id, () -> systems.runSystem(ref, id));
            }
            resumed = false;
        }
    }

    /** Whether the store moved a waiting system on by itself (older snapshots are ignored). */
    private static boolean followsStore(SystemProgress now, int attempts) {
        return now != null
                && now.attempts() >= attempts
                && (now.state().settled()
                        || now.state() == SystemState.FAILED
                        || (now.state() == SystemState.PENDING && now.attempts() > attempts));
    }

    private SystemState call(UUID id, Activity activity) {
        try {
            SystemOutcome outcome = activity.call();
            exceptions += outcome.exceptions();
            return outcome.result() == SystemOutcome.Result.DONE ? SystemState.DONE : SystemState.WAITING;
        } catch (ActivityFailure failure) {
            if (CancellationScope.current().isCancelRequested()) {
                throw failure;
            }
            store.failSystem(ref, id, reason(failure));
            return SystemState.FAILED;
        }
    }

    /** Waits until the store shows the system skipped, done, or retried (its attempts grew). */
    private SystemProgress awaitOfficer(UUID id, int failedAttempts) {
        Workflow.await(() -> {
            SystemProgress now = view.system(id);
            return now != null
                    && (now.state().settled()
                            || (now.state() != SystemState.FAILED && now.attempts() > failedAttempts));
        });
        SystemProgress acted = view.system(id);
        return acted.state() == SystemState.RUNNING || acted.state() == SystemState.WAITING
                ? acted.withState(SystemState.PENDING, acted.detail())
                : acted;
    }

    /** The failure's kind and message, which activities keep free of personal data. */
    static String reason(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        String reason;
        if (cause instanceof ApplicationFailure app) {
            reason = app.getType() + ": " + app.getOriginalMessage();
        } else if (cause instanceof TimeoutFailure timeout) {
            reason = "timed out (" + timeout.getTimeoutType() + ")";
        } else {
            reason = cause == null ? "failed" : cause.getClass().getSimpleName();
        }
        return reason.length() > 500 ? reason.substring(0, 500) : reason;
    }

    @FunctionalInterface
    private interface Activity {
        SystemOutcome call();
    }
}
