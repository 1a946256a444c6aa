package dev.lethe.workflows.retention;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run of the tenant's retention policies and its tasks, in plan order.
 *
 * @param requestedBy who asked for it (an actor id), or {@code schedule} for a scheduled run
 * @param plannedFor when the schedule meant it to start (for a run by hand: when it was asked for)
 */
public record RetentionRun(
        UUID id,
        RunTrigger trigger,
        String requestedBy,
        Instant plannedFor,
        Instant startedAt,
        Instant finishedAt,
        RunStatus status,
        List<RunTask> tasks) {

    public RetentionRun {
        tasks = List.copyOf(tasks);
    }

    public long records() {
        return tasks.stream().mapToLong(RunTask::records).sum();
    }

    public long held() {
        return tasks.stream().mapToLong(RunTask::held).sum();
    }
}
