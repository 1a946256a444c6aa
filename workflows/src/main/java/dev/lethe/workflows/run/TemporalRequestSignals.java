package dev.lethe.workflows.run;

import dev.lethe.workflows.request.RequestSignals;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and wakes request workflows on Temporal. What changed is in PostgreSQL already, so a signal
 * that cannot be delivered is logged and dropped (without identifiers): the workflow reads its
 * request again at its next recheck, and the reconciler starts it again after a restart. A caller's
 * committed change is never failed by a signal.
 */
public final class TemporalRequestSignals implements RequestSignals {

    private static final Logger log = LoggerFactory.getLogger(TemporalRequestSignals.class);

    private final WorkflowClient client;
    private final String taskQueue;
    private final BiFunction<UUID, UUID, RequestTimings> timings;

    /**
     * @param timings the timings of a request's workflow, by tenant and request (reminders depend on the
     *     request's regulation); asked once, when the workflow starts
     */
    public TemporalRequestSignals(
            WorkflowClient client, String taskQueue, BiFunction<UUID, UUID, RequestTimings> timings) {
        this.client = client;
        this.taskQueue = taskQueue;
        this.timings = timings;
    }

    public TemporalRequestSignals(WorkflowClient client, String taskQueue, RequestTimings timings) {
        this(client, taskQueue, (tenant, request) -> timings);
    }

    public TemporalRequestSignals(WorkflowClient client, RequestTimings timings) {
        this(client, RequestWorker.TASK_QUEUE, timings);
    }

    @Override
    public void started(UUID tenantId, UUID requestId) {
        DataSubjectRequestWorkflow workflow = client.newWorkflowStub(
                DataSubjectRequestWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(requestId.toString())
                        .setTaskQueue(taskQueue)
                        .build());
        try {
            WorkflowClient.start(
                    workflow::run, new RequestRun(tenantId, requestId, timings.apply(tenantId, requestId)));
        } catch (WorkflowExecutionAlreadyStarted e) {
            // Running already: nothing to do (the reconciler and the store may both start it).
        } catch (WorkflowServiceException e) {
            log.warn("A request workflow could not be started ({}); the reconciler will start it", kind(e));
        }
    }

    @Override
    public void changed(UUID tenantId, UUID requestId) {
        try {
            client.newUntypedWorkflowStub(requestId.toString()).signal("changed");
        } catch (WorkflowNotFoundException e) {
            log.debug("A changed request has no running workflow (closed, or started again by the reconciler)");
        } catch (WorkflowServiceException e) {
            log.warn(
                    "A request workflow could not be signalled ({}); it reads its request at its next recheck",
                    kind(e));
        }
    }

    /** What went wrong, without the message (it names the workflow, i.e. the request). */
    private static String kind(WorkflowServiceException e) {
        return e.getCause() == null
                ? e.getClass().getSimpleName()
                : e.getCause().getClass().getSimpleName();
    }
}
