package dev.lethe.workflows.run;

import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;

/**
 * Drives a request by what the store records: each turn reads the request's status and takes the
 * step that status calls for, then reads it again. People's decisions (approve, deny, hold, cancel,
 * retry, skip) arrive as a new snapshot after a {@code changed} signal; the workflow never decides
 * them. Because every step starts from the snapshot and every activity is idempotent, a workflow
 * started again after a crash continues from the recorded progress.
 */
public class DataSubjectRequestWorkflowImpl implements DataSubjectRequestWorkflow {

    /** History events after which a waiting workflow continues as new (Temporal warns at 10,240). */
    static final long CONTINUE_AS_NEW_AFTER = 8_000;

    private RequestView view;
    private boolean signalledEarly;

    @Override
    public RequestStatus run(RequestRun run) {
        RequestTimings timings = run.timings();
        RequestRef ref = run.ref();
        RequestActivities store = Workflow.newActivityStub(RequestActivities.class, storeOptions(timings));
        RequestActivities systems = Workflow.newActivityStub(RequestActivities.class, systemOptions(timings));
        RequestActivities longer = Workflow.newActivityStub(RequestActivities.class, longerOptions(timings));
        view = new RequestView(store, ref);
        if (signalledEarly) {
            view.signalled();
        }
        RequestSnapshot snapshot = view.refresh();
        Async.procedure(new DeadlineAlerts(view, store, ref, timings.reminders())::run);
        Steps steps = new Steps(view, store, systems, longer, ref, timings.recheck());
        while (!snapshot.status().closed()) {
            if (waitsForAPerson(snapshot) && Workflow.getInfo().getHistoryLength() > CONTINUE_AS_NEW_AFTER) {
                // Months of rechecks make a long history; the request's state is in the store, so a
                // fresh run (same workflow id) carries on from it.
                Workflow.continueAsNew(run);
            }
            snapshot = steps.next(snapshot);
        }
        if (snapshot.status() == RequestStatus.DENIED || snapshot.status() == RequestStatus.CANCELED) {
            // Closed by a person: a system may have answered meanwhile, and nothing will collect it.
            steps.releaseResults();
        }
        return snapshot.status();
    }

    @Override
    public void changed() {
        if (view == null) {
            signalledEarly = true;
        } else {
            view.signalled();
        }
    }

    private static ActivityOptions storeOptions(RequestTimings timings) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timings.storeTimeout())
                // The store is the truth: wait for it rather than give up on the request.
                .setRetryOptions(retry(timings).setMaximumAttempts(0).build())
                .build();
    }

    private static ActivityOptions systemOptions(RequestTimings timings) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timings.systemTimeout())
                .setHeartbeatTimeout(timings.heartbeatTimeout())
                .setRetryOptions(retry(timings)
                        .setMaximumAttempts(timings.maximumAttempts())
                        .build())
                .build();
    }

    /** Scoping and assembling span every system: long, heartbeating, and retried until they succeed. */
    private static ActivityOptions longerOptions(RequestTimings timings) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timings.systemTimeout())
                .setHeartbeatTimeout(timings.heartbeatTimeout())
                .setRetryOptions(retry(timings).setMaximumAttempts(0).build())
                .build();
    }

    private static RetryOptions.Builder retry(RequestTimings timings) {
        return RetryOptions.newBuilder()
                .setInitialInterval(timings.initialInterval())
                .setBackoffCoefficient(timings.backoff())
                .setMaximumInterval(timings.maximumInterval());
    }

    private static boolean waitsForAPerson(RequestSnapshot snapshot) {
        return switch (snapshot.status()) {
            case IDENTITY_UNVERIFIED, AWAITING_APPROVAL, ON_HOLD -> true;
            case RECEIVED, VERIFIED -> snapshot.linkedTo() != null;
            default -> false;
        };
    }

    /** Whether a system left out counts as an exception: not when nothing of the subject was there. */
    static boolean skippedWithFindings(SystemProgress progress) {
        return progress.state() == SystemState.SKIPPED && progress.found() != 0;
    }

    static boolean allSettled(RequestSnapshot snapshot) {
        return snapshot.systems().stream().allMatch(p -> p.state().settled());
    }
}
