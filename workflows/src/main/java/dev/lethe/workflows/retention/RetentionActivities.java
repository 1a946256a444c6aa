package dev.lethe.workflows.retention;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import java.util.UUID;

/**
 * The retention workflows' I/O. Arguments and results are ids, states and times: what a task purges is
 * read from PostgreSQL by the activity. Every method is idempotent.
 */
@ActivityInterface(namePrefix = "Retention")
public interface RetentionActivities {

    /** The tenant's schedule as of {@code afterMillis}: whether enabled, and its next run time after it. */
    NextRun nextRun(UUID tenantId, long afterMillis);

    /**
     * Records a scheduled run planned for {@code plannedForMillis} and returns its id, or null when one of the
     * tenant's runs is RUNNING (that one is the run of this time).
     */
    UUID startScheduled(UUID tenantId, long plannedForMillis);

    /** Plans the run's tasks the first time, and returns them (as planned then, on every later call). */
    List<TaskRef> plan(RunRef run);

    /**
     * One attempt at a task: re-reads the legal holds, opens the connection and purges. A task already
     * finished is left as it is.
     *
     * @return the state the task ended in (DONE, or HELD when a hold came since the run was planned)
     */
    TaskState purge(RunRef run, UUID taskId);

    /** Records a task FAILED after its last attempt, with the reason (no personal data). */
    void failTask(RunRef run, UUID taskId, String reason);

    /** Lethe's own data: erases old closed requests' identities and deletes expired export packages. */
    void ownData(RunRef run);

    /** Ends the run, with its status and summary counts. */
    RunStatus finish(RunRef run, boolean ownDataFailed);

    /** Ends a run that could not be planned: FAILED. */
    RunStatus abandon(RunRef run, String reason);
}
