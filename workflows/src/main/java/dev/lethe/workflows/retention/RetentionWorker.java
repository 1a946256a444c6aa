package dev.lethe.workflows.retention;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.UUID;

/** Registers the retention workflows and their activities on a worker factory (which the caller starts). */
public final class RetentionWorker {

    /** The task queue retention workflows and their activities run on. */
    public static final String TASK_QUEUE = "lethe-retention";

    private RetentionWorker() {}

    public static Worker register(WorkerFactory factory, RetentionActivities activities) {
        return register(factory, TASK_QUEUE, WorkerOptions.getDefaultInstance(), activities);
    }

    /** On another task queue (tests that share a server), with the worker's options. */
    public static Worker register(
            WorkerFactory factory, String taskQueue, WorkerOptions options, RetentionActivities activities) {
        Worker worker = factory.newWorker(taskQueue, options);
        worker.registerWorkflowImplementationTypes(RetentionScheduleWorkflowImpl.class, RetentionRunWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        return worker;
    }

    public static String scheduleWorkflowId(UUID tenantId) {
        return "retention-schedule-" + tenantId;
    }

    public static String runWorkflowId(UUID runId) {
        return "retention-run-" + runId;
    }
}
