package dev.lethe.workflows.retention;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.UUID;

/**
 * Waits for the tenant's next run time (read again whenever the schedule changes), records a scheduled
 * run, runs it as a child workflow and waits for it, then continues as new: one day, one short history.
 * While a run started by hand is RUNNING at the scheduled time, that run counts as the day's.
 */
public class RetentionScheduleWorkflowImpl implements RetentionScheduleWorkflow {

    private boolean changed;

    @Override
    public void run(UUID tenantId, RunTimings timings) {
        RetentionActivities store = Workflow.newActivityStub(
                RetentionActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(timings.storeTimeout())
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setInitialInterval(timings.initialInterval())
                                .setMaximumInterval(timings.maximumInterval())
                                .setMaximumAttempts(0)
                                .build())
                        .build());
        while (true) {
            changed = false;
            long now = Workflow.currentTimeMillis();
            NextRun next = store.nextRun(tenantId, now);
            if (!next.enabled()) {
                Workflow.await(() -> changed);
                continue;
            }
            if (Workflow.await(Duration.ofMillis(Math.max(0, next.atMillis() - now)), () -> changed)) {
                continue;
            }
            UUID runId = store.startScheduled(tenantId, next.atMillis());
            if (runId != null) {
                RetentionRunWorkflow child = Workflow.newChildWorkflowStub(
                        RetentionRunWorkflow.class,
                        ChildWorkflowOptions.newBuilder()
                                .setWorkflowId(RetentionWorker.runWorkflowId(runId))
                                // A run outlives a schedule workflow that continues as new or is restarted.
                                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                                .build());
                try {
                    child.run(new RunRef(tenantId, runId), timings);
                } catch (ChildWorkflowFailure e) {
                    // The run's outcome is in PostgreSQL; the next day's run is due regardless.
                }
            }
            Workflow.continueAsNew(tenantId, timings);
        }
    }

    @Override
    public void scheduleChanged() {
        changed = true;
    }
}
