package dev.lethe.workflows.run;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

/** Registers the request workflow and its activities on a worker factory (which the caller starts). */
public final class RequestWorker {

    /** The task queue request workflows and their activities run on. */
    public static final String TASK_QUEUE = "lethe-requests";

    private RequestWorker() {}

    public static Worker register(WorkerFactory factory, RequestActivities activities) {
        return register(factory, TASK_QUEUE, activities);
    }

    /** On another task queue: for tests that share a server. */
    public static Worker register(WorkerFactory factory, String taskQueue, RequestActivities activities) {
        return register(factory, taskQueue, WorkerOptions.getDefaultInstance(), activities);
    }

    /**
     * With the worker's options, e.g. how many activities it runs at once: on a small machine, fewer
     * at a time finish within their timeouts, where many at once would all time out and run again.
     */
    public static Worker register(
            WorkerFactory factory, String taskQueue, WorkerOptions options, RequestActivities activities) {
        Worker worker = factory.newWorker(taskQueue, options);
        worker.registerWorkflowImplementationTypes(DataSubjectRequestWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        return worker;
    }
}
