package dev.lethe.workflows.retention;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plans the run, purges its tasks — one system's tasks one after another, systems in parallel — then
 * Lethe's own data, and ends the run. A task that fails its last attempt is recorded FAILED and the others
 * go on. Everything is read from and recorded in PostgreSQL by the activities, so a workflow started again
 * purges only the tasks not finished yet.
 */
public class RetentionRunWorkflowImpl implements RetentionRunWorkflow {

    @Override
    public RunStatus run(RunRef run, RunTimings timings) {
        RetentionActivities store = Workflow.newActivityStub(RetentionActivities.class, storeOptions(timings));
        RetentionActivities purges = Workflow.newActivityStub(RetentionActivities.class, purgeOptions(timings));
        List<TaskRef> tasks;
        try {
            tasks = Workflow.newActivityStub(RetentionActivities.class, planOptions(timings))
                    .plan(run);
        } catch (ActivityFailure e) {
            return store.abandon(run, "the run could not be planned: " + reason(e));
        }
        Map<UUID, List<UUID>> lanes = new LinkedHashMap<>();
        tasks.stream()
                .filter(task -> !task.state().finished())
                .forEach(task -> lanes.computeIfAbsent(task.lane(), lane -> new ArrayList<>())
                        .add(task.taskId()));
        List<Promise<Void>> running = new ArrayList<>();
        lanes.values().forEach(lane -> running.add(Async.procedure(() -> purgeAll(run, lane, store, purges))));
        Promise.allOf(running).get();
        boolean ownDataFailed = false;
        try {
            purges.ownData(run);
        } catch (ActivityFailure e) {
            ownDataFailed = true;
        }
        return store.finish(run, ownDataFailed);
    }

    private static void purgeAll(RunRef run, List<UUID> lane, RetentionActivities store, RetentionActivities purges) {
        for (UUID taskId : lane) {
            try {
                purges.purge(run, taskId);
            } catch (ActivityFailure e) {
                store.failTask(run, taskId, reason(e));
            }
        }
    }

    /** The last attempt's failure, as the activity classified it (its messages carry no personal data). */
    static String reason(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure application) {
            return application.getOriginalMessage();
        }
        if (cause instanceof TimeoutFailure timeout) {
            return "timed out (" + timeout.getTimeoutType().name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
        return cause == null ? "failed" : cause.getClass().getSimpleName();
    }

    private static ActivityOptions storeOptions(RunTimings timings) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timings.storeTimeout())
                // PostgreSQL is the truth: wait for it rather than leave the run unfinished.
                .setRetryOptions(retry(timings).setMaximumAttempts(0).build())
                .build();
    }

    /** Planning reads the catalog: retried, but a run that cannot be planned ends FAILED, not RUNNING forever. */
    private static ActivityOptions planOptions(RunTimings timings) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timings.storeTimeout())
                .setRetryOptions(
                        retry(timings).setMaximumAttempts(timings.attempts()).build())
                .build();
    }

    private static ActivityOptions purgeOptions(RunTimings timings) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(timings.taskTimeout())
                .setHeartbeatTimeout(timings.heartbeatTimeout())
                .setRetryOptions(retry(timings)
                        .setMaximumAttempts(timings.attempts())
                        .setDoNotRetry(RetentionActivitiesImpl.NOT_RETRIED)
                        .build())
                .build();
    }

    private static RetryOptions.Builder retry(RunTimings timings) {
        return RetryOptions.newBuilder()
                .setInitialInterval(timings.initialInterval())
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(timings.maximumInterval());
    }
}
