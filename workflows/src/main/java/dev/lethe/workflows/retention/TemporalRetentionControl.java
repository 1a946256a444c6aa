package dev.lethe.workflows.retention;

import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.tenant.TenantContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and wakes the retention workflows on Temporal. A run is recorded in PostgreSQL first; a workflow
 * that cannot be started is logged (ids only) and started again by {@link #resumeUnfinished} at the next
 * start-up. Callers need not set the tenant: each call acts as the tenant it names.
 */
public final class TemporalRetentionControl implements RetentionControl {

    private static final Logger log = LoggerFactory.getLogger(TemporalRetentionControl.class);

    private final WorkflowClient client;
    private final String taskQueue;
    private final RetentionRuns runs;
    private final RunTimings timings;
    private final Clock clock;

    public TemporalRetentionControl(
            WorkflowClient client, String taskQueue, RetentionRuns runs, RunTimings timings, Clock clock) {
        this.client = client;
        this.taskQueue = taskQueue;
        this.runs = runs;
        this.timings = timings;
        this.clock = clock;
    }

    /** On {@link RetentionWorker#TASK_QUEUE}, with the timings of the settings. */
    public TemporalRetentionControl(WorkflowClient client, RetentionRuns runs, RetentionSettings settings) {
        this(client, RetentionWorker.TASK_QUEUE, runs, RunTimings.of(settings), Clock.systemUTC());
    }

    @Override
    public RetentionRun runNow(Editor editor, Set<UUID> policyIds) {
        UUID tenantId = editor.tenantId();
        RetentionRun run = TenantContext.callAs(
                tenantId,
                () -> runs.start(tenantId, RunTrigger.MANUAL, editor.actor(), clock.instant(), Set.copyOf(policyIds)));
        startRun(new RunRef(tenantId, run.id()));
        return run;
    }

    @Override
    public void ensureScheduled(UUID tenantId) {
        RetentionScheduleWorkflow workflow = client.newWorkflowStub(
                RetentionScheduleWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(RetentionWorker.scheduleWorkflowId(tenantId))
                        .setTaskQueue(taskQueue)
                        .build());
        try {
            WorkflowClient.start(workflow::run, tenantId, timings);
        } catch (WorkflowExecutionAlreadyStarted e) {
            // Scheduled already.
        } catch (WorkflowServiceException e) {
            log.warn("A tenant's retention schedule could not be started ({})", kind(e));
        }
    }

    @Override
    public void scheduleChanged(UUID tenantId) {
        try {
            client.newWorkflowStub(RetentionScheduleWorkflow.class, RetentionWorker.scheduleWorkflowId(tenantId))
                    .scheduleChanged();
        } catch (WorkflowNotFoundException e) {
            ensureScheduled(tenantId);
        } catch (WorkflowServiceException e) {
            log.warn("A tenant's retention schedule could not be told of its change ({})", kind(e));
        }
    }

    @Override
    public int resumeUnfinished() {
        List<UUID[]> unfinished = TenantContext.callAsPlatform(runs::unfinished);
        unfinished.forEach(row -> startRun(new RunRef(row[0], row[1])));
        return unfinished.size();
    }

    private void startRun(RunRef run) {
        RetentionRunWorkflow workflow = client.newWorkflowStub(
                RetentionRunWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(RetentionWorker.runWorkflowId(run.runId()))
                        .setTaskQueue(taskQueue)
                        .build());
        try {
            WorkflowClient.start(workflow::run, run, timings);
        } catch (WorkflowExecutionAlreadyStarted e) {
            // Running already.
        } catch (WorkflowServiceException e) {
            log.warn("A retention run's workflow could not be started ({}); it starts again at start-up", kind(e));
        }
    }

    private static String kind(WorkflowServiceException e) {
        return e.getCause() == null
                ? e.getClass().getSimpleName()
                : e.getCause().getClass().getSimpleName();
    }
}
