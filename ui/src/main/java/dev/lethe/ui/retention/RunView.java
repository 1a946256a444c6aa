package dev.lethe.ui.retention;

import dev.lethe.workflows.retention.RetentionRun;
import dev.lethe.workflows.retention.RunStatus;
import dev.lethe.workflows.retention.RunTask;
import dev.lethe.workflows.retention.RunTrigger;
import dev.lethe.workflows.retention.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * A retention run as the API shows it: its tasks grouped by policy (in plan order), each policy with its
 * totals and one result per system and dataset. Counts, names and reasons only: never a record.
 */
record RunView(
        UUID id,
        RunTrigger trigger,
        RunStatus status,
        String requestedBy,
        Instant plannedFor,
        Instant startedAt,
        Instant finishedAt,
        long records,
        long held,
        List<PolicyResult> policies) {

    /** What one policy did in the run. */
    record PolicyResult(UUID policyId, String policyName, long records, long held, List<Result> results) {}

    /** One policy on one dataset of one system. */
    record Result(
            UUID systemId,
            UUID connectionId,
            String dataset,
            String clockField,
            String action,
            Instant cutoff,
            TaskState state,
            long records,
            long held,
            int batches,
            int attempts,
            String reason,
            Instant startedAt,
            Instant finishedAt) {

        static Result of(RunTask task) {
            return new Result(
                    task.systemId(),
                    task.connectionId(),
                    task.dataset(),
                    task.clockField(),
                    task.action(),
                    task.cutoff(),
                    task.state(),
                    task.records(),
                    task.held(),
                    task.batches(),
                    task.attempts(),
                    task.reason(),
                    task.startedAt(),
                    task.finishedAt());
        }
    }

    static RunView of(RetentionRun run) {
        var byPolicy = new LinkedHashMap<UUID, List<RunTask>>();
        for (RunTask task : run.tasks()) {
            byPolicy.computeIfAbsent(task.policyId(), id -> new ArrayList<>()).add(task);
        }
        List<PolicyResult> policies = byPolicy.values().stream()
                .map(tasks -> new PolicyResult(
                        tasks.getFirst().policyId(),
                        tasks.getFirst().policyName(),
                        tasks.stream().mapToLong(RunTask::records).sum(),
                        tasks.stream().mapToLong(RunTask::held).sum(),
                        tasks.stream().map(Result::of).toList()))
                .toList();
        return new RunView(
                run.id(),
                run.trigger(),
                run.status(),
                run.requestedBy(),
                run.plannedFor(),
                run.startedAt(),
                run.finishedAt(),
                run.records(),
                run.held(),
                policies);
    }
}
