package dev.lethe.workflows.retention;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One retention run, from its plan to its end. Workflow id {@code retention-run-<runId>}. A run started
 * again (after a restart) continues from its tasks' recorded states.
 */
@WorkflowInterface
public interface RetentionRunWorkflow {

    @WorkflowMethod
    RunStatus run(RunRef run, RunTimings timings);
}
