package dev.lethe.workflows.retention;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory retention activities: a schedule, a plan of tasks, tasks that fail on purpose, and what was called. */
final class FakeRetention implements RetentionActivities {

    /** A scheduled run as the schedule workflow started it: planned for, and the workflow time it was asked at. */
    record Scheduled(Instant plannedFor, Instant askedAt, UUID runId) {}

    volatile RetentionSchedule schedule = RetentionSchedule.DEFAULT;
    final List<TaskRef> tasks = new CopyOnWriteArrayList<>();
    final Set<UUID> failing = ConcurrentHashMap.newKeySet();
    final List<Scheduled> scheduled = new CopyOnWriteArrayList<>();
    final Map<UUID, Integer> attempts = new ConcurrentHashMap<>();
    final Map<UUID, TaskState> states = new ConcurrentHashMap<>();
    final Map<UUID, String> reasons = new ConcurrentHashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<UUID, RunStatus> finished = new ConcurrentHashMap<>();

    TaskRef task(UUID lane) {
        TaskRef task = new TaskRef(UUID.randomUUID(), lane, TaskState.PENDING);
        tasks.add(task);
        return task;
    }

    @Override
    public NextRun nextRun(UUID tenantId, long afterMillis) {
        RetentionSchedule current = schedule;
        return new NextRun(
                current.enabled(),
                current.nextRunAfter(Instant.ofEpochMilli(afterMillis)).toEpochMilli());
    }

    @Override
    public UUID startScheduled(UUID tenantId, long plannedForMillis) {
        UUID runId = UUID.randomUUID();
        scheduled.add(new Scheduled(
                Instant.ofEpochMilli(plannedForMillis),
                Instant.ofEpochMilli(Activity.getExecutionContext().getInfo().getScheduledTimestamp()),
                runId));
        return runId;
    }

    @Override
    public List<TaskRef> plan(RunRef run) {
        calls.add("plan");
        return List.copyOf(tasks);
    }

    @Override
    public TaskState purge(RunRef run, UUID taskId) {
        attempts.merge(taskId, 1, Integer::sum);
        calls.add("purge " + taskId);
        if (failing.contains(taskId)) {
            throw ApplicationFailure.newFailure("the system answered 503", "SystemUnavailable");
        }
        states.put(taskId, TaskState.DONE);
        return TaskState.DONE;
    }

    @Override
    public void failTask(RunRef run, UUID taskId, String reason) {
        calls.add("fail " + taskId);
        states.put(taskId, TaskState.FAILED);
        reasons.put(taskId, reason);
    }

    @Override
    public void ownData(RunRef run) {
        calls.add("ownData");
    }

    @Override
    public RunStatus finish(RunRef run, boolean ownDataFailed) {
        calls.add("finish");
        RunStatus status = states.containsValue(TaskState.FAILED) || ownDataFailed
                ? RunStatus.COMPLETED_WITH_FAILURES
                : RunStatus.COMPLETED;
        finished.put(run.runId(), status);
        return status;
    }

    @Override
    public RunStatus abandon(RunRef run, String reason) {
        calls.add("abandon");
        finished.put(run.runId(), RunStatus.FAILED);
        return RunStatus.FAILED;
    }
}
