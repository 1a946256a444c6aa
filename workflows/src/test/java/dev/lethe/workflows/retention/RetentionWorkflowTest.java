package dev.lethe.workflows.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retention workflows on the test server (time skipped) with in-memory activities. */
class RetentionWorkflowTest {

    private static final RunTimings TIMINGS = new RunTimings(
            Duration.ofSeconds(10),
            Duration.ofMinutes(5),
            Duration.ofMinutes(1),
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            3);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final FakeRetention fake = new FakeRetention();
    private final UUID tenant = UUID.randomUUID();
    private TestWorkflowEnvironment env;

    @BeforeEach
    void startEnvironment() {
        env = TestWorkflowEnvironment.newInstance();
        RetentionWorker.register(
                env.getWorkerFactory(), RetentionWorker.TASK_QUEUE, WorkerOptions.getDefaultInstance(), fake);
        env.start();
    }

    @AfterEach
    void closeEnvironment() {
        env.close();
    }

    @Test
    void theScheduleWakesAtItsTimeOfDayInItsZoneEveryDay() {
        fake.schedule = new RetentionSchedule(LocalTime.of(3, 0), BERLIN, true);
        Instant start = Instant.ofEpochMilli(env.currentTimeMillis());

        startSchedule();
        env.sleep(Duration.ofHours(49));

        Instant first = fake.schedule.nextRunAfter(start);
        assertThat(fake.scheduled).hasSizeGreaterThanOrEqualTo(2);
        assertThat(fake.scheduled.get(0).plannedFor()).isEqualTo(first);
        assertThat(fake.scheduled.get(0).askedAt()).isAfterOrEqualTo(first);
        assertThat(fake.scheduled.get(0).askedAt()).isBefore(first.plus(Duration.ofMinutes(1)));
        assertThat(fake.scheduled.get(0).plannedFor().atZone(BERLIN).toLocalTime())
                .isEqualTo(LocalTime.of(3, 0));
        assertThat(fake.scheduled.get(1).plannedFor()).isEqualTo(fake.schedule.nextRunAfter(first));
        // Each scheduled run ran to its end as a child workflow.
        await(() -> fake.finished
                .keySet()
                .containsAll(fake.scheduled.stream()
                        .map(FakeRetention.Scheduled::runId)
                        .toList()));
    }

    @Test
    void aChangedScheduleIsReadAgainAndADisabledOneStartsNothing() {
        fake.schedule = new RetentionSchedule(LocalTime.of(3, 0), BERLIN, false);
        Instant start = Instant.ofEpochMilli(env.currentTimeMillis());
        startSchedule();
        env.sleep(Duration.ofHours(30));
        assertThat(fake.scheduled).isEmpty();

        RetentionSchedule enabled = new RetentionSchedule(LocalTime.of(23, 15), ZoneId.of("UTC"), true);
        fake.schedule = enabled;
        Instant changedAt = Instant.ofEpochMilli(env.currentTimeMillis());
        env.getWorkflowClient()
                .newWorkflowStub(RetentionScheduleWorkflow.class, RetentionWorker.scheduleWorkflowId(tenant))
                .scheduleChanged();
        env.sleep(Duration.ofHours(25));

        assertThat(start).isBefore(changedAt);
        assertThat(fake.scheduled).isNotEmpty();
        assertThat(fake.scheduled.get(0).plannedFor()).isEqualTo(enabled.nextRunAfter(changedAt));
    }

    @Test
    void aTaskThatKeepsFailingIsRetriedThenRecordedFailedAndTheOthersRun() {
        UUID shop = UUID.randomUUID();
        UUID crm = UUID.randomUUID();
        TaskRef broken = fake.task(shop);
        TaskRef afterBroken = fake.task(shop);
        TaskRef elsewhere = fake.task(crm);
        fake.tasks.add(new TaskRef(UUID.randomUUID(), crm, TaskState.SKIPPED));
        fake.failing.add(broken.taskId());
        RunRef run = new RunRef(tenant, UUID.randomUUID());

        RunStatus status = runWorkflow(run).run(run, TIMINGS);

        assertThat(status).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);
        assertThat(fake.attempts.get(broken.taskId())).isEqualTo(TIMINGS.attempts());
        assertThat(fake.states.get(broken.taskId())).isEqualTo(TaskState.FAILED);
        assertThat(fake.reasons.get(broken.taskId())).isEqualTo("the system answered 503");
        assertThat(fake.attempts.get(afterBroken.taskId())).isEqualTo(1);
        assertThat(fake.attempts.get(elsewhere.taskId())).isEqualTo(1);
        assertThat(fake.attempts).hasSize(3); // the skipped task is not purged
        // One system's tasks one after another: the second only after the first failed for good.
        assertThat(fake.calls.indexOf("purge " + afterBroken.taskId()))
                .isGreaterThan(fake.calls.indexOf("fail " + broken.taskId()));
        assertThat(fake.calls.subList(fake.calls.size() - 2, fake.calls.size())).containsExactly("ownData", "finish");
    }

    @Test
    void aRunWhoseTasksAllSucceedCompletes() {
        fake.task(UUID.randomUUID());
        RunRef run = new RunRef(tenant, UUID.randomUUID());

        assertThat(runWorkflow(run).run(run, TIMINGS)).isEqualTo(RunStatus.COMPLETED);
    }

    private RetentionRunWorkflow runWorkflow(RunRef run) {
        return env.getWorkflowClient()
                .newWorkflowStub(
                        RetentionRunWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(RetentionWorker.runWorkflowId(run.runId()))
                                .setTaskQueue(RetentionWorker.TASK_QUEUE)
                                .build());
    }

    private void startSchedule() {
        RetentionScheduleWorkflow workflow = env.getWorkflowClient()
                .newWorkflowStub(
                        RetentionScheduleWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(RetentionWorker.scheduleWorkflowId(tenant))
                                .setTaskQueue(RetentionWorker.TASK_QUEUE)
                                .build());
        WorkflowClient.start(workflow::run, tenant, TIMINGS);
    }

    /** Waits for the workflows to get somewhere (they run on other threads); not a timing assertion. */
    private static void await(BooleanSupplier condition) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("the workflow did not get there");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
