package dev.lethe.workflows.run;

import dev.lethe.workflows.request.RequestStatus;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One data-subject request, of any type, carried from receipt to its end. Workflow id: the request
 * id. It drives the request by what the store records (the snapshot) and is woken by {@link
 * #changed} whenever a person changes the request; its I/O is {@link RequestActivities}.
 */
@WorkflowInterface
public interface DataSubjectRequestWorkflow {

    /** @return the status the request ended in (a closed one) */
    @WorkflowMethod
    RequestStatus run(RequestRun run);

    /** The request changed in the store (approved, held, a task completed, …): read it again. */
    @SignalMethod
    void changed();
}
