package dev.lethe.workflows.retention;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.UUID;

/**
 * A tenant's daily retention runs: a timer loop to the schedule's next run time (the embedded Temporal
 * server has no Schedules API), a run, then a fresh history. Workflow id {@code retention-schedule-<tenant>}.
 */
@WorkflowInterface
public interface RetentionScheduleWorkflow {

    @WorkflowMethod
    void run(UUID tenantId, RunTimings timings);

    /** The tenant's schedule changed: read it again and wait for its next run time instead. */
    @SignalMethod
    void scheduleChanged();
}
