package dev.lethe.workflows.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replays a recorded retention run against the current workflow code: a change that breaks determinism
 * fails here. After an intended, compatible change, record it again with {@code ./mvnw -o -pl workflows -am
 * verify -Dtest=RetentionRunReplayTest -Dsurefire.failIfNoSpecifiedTests=false -Dlethe.record-history=true}
 * and commit the file; an incompatible change needs {@code Workflow.getVersion} instead.
 */
class RetentionRunReplayTest {

    static final String HISTORY = "dev/lethe/workflows/retention/run-history.json";

    @Test
    void theRecordedRunReplaysOnTheCurrentWorkflow() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource(HISTORY, RetentionRunWorkflowImpl.class);
    }

    /** The recorded run: two systems, one task that fails all its attempts, one skipped task. */
    @Test
    @EnabledIfSystemProperty(named = "lethe.record-history", matches = "true")
    void recordTheRunHistory() throws IOException {
        FakeRetention fake = new FakeRetention();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            RetentionWorker.register(
                    env.getWorkerFactory(), RetentionWorker.TASK_QUEUE, WorkerOptions.getDefaultInstance(), fake);
            env.start();
            UUID shop = UUID.randomUUID();
            fake.failing.add(fake.task(shop).taskId());
            fake.task(shop);
            fake.task(UUID.randomUUID());
            fake.tasks.add(new TaskRef(UUID.randomUUID(), shop, TaskState.SKIPPED));
            RunRef run = new RunRef(UUID.randomUUID(), UUID.randomUUID());
            WorkflowClient client = env.getWorkflowClient();
            RetentionRunWorkflow workflow = client.newWorkflowStub(
                    RetentionRunWorkflow.class,
                    WorkflowOptions.newBuilder()
                            .setWorkflowId(RetentionWorker.runWorkflowId(run.runId()))
                            .setTaskQueue(RetentionWorker.TASK_QUEUE)
                            .build());
            RunTimings timings = new RunTimings(
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(10),
                    Duration.ofMinutes(1),
                    3);

            assertThat(workflow.run(run, timings)).isEqualTo(RunStatus.COMPLETED_WITH_FAILURES);

            String json = client.fetchHistory(RetentionWorker.runWorkflowId(run.runId()))
                    .toJson(true);
            Path file = Path.of("src/test/resources").resolve(HISTORY);
            Files.createDirectories(file.getParent());
            Files.writeString(file, json);
        }
    }
}
