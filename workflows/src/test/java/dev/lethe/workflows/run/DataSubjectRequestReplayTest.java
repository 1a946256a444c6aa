package dev.lethe.workflows.run;

import static dev.lethe.workflows.run.WorkflowTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replays a recorded history of a whole erasure against the current workflow code: a change that
 * breaks determinism (a step added, removed or reordered for a running workflow) fails here. After
 * an intended, compatible change of the workflow, record the history again with {@code ./mvnw -o -pl
 * workflows -am verify -Dtest=DataSubjectRequestReplayTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlethe.record-history=true} (from the repository root) and commit the new file; an incompatible
 * change needs a version marker ({@code Workflow.getVersion}) instead, so running workflows keep
 * their path.
 */
class DataSubjectRequestReplayTest {

    static final String HISTORY = "dev/lethe/workflows/run/erasure-history.json";

    /** Recorded after the Art. 19 change: an erasure whose recipient acknowledges a day after the shred. */
    static final String RECIPIENTS_HISTORY = "dev/lethe/workflows/run/erasure-recipients-history.json";

    @Test
    void theRecordedErasureReplaysOnTheCurrentWorkflow() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource(HISTORY, DataSubjectRequestWorkflowImpl.class);
    }

    @Test
    void theRecordedErasureWithARecipientReplaysOnTheCurrentWorkflow() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource(RECIPIENTS_HISTORY, DataSubjectRequestWorkflowImpl.class);
    }

    /** The erasure with a recipient: approved, run, recipient told, shred, verified, the recipient answers a day later, receipt. */
    @Test
    @EnabledIfSystemProperty(named = "lethe.record-history", matches = "true")
    void recordTheErasureWithARecipientHistory() throws IOException {
        FakeRequests fake = new FakeRequests();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            RequestWorker.register(env.getWorkerFactory(), fake);
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            TemporalRequestSignals signals = new TemporalRequestSignals(client, RequestTestTimings.of());
            SystemProgress crm = FakeRequests.system("crm", SystemState.PENDING);
            Instant dueAt = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(30));
            RequestRef ref = fake.file(RequestType.ERASURE, RequestStatus.RECEIVED, dueAt, null, crm);
            fake.recipients(ref, 1);

            signals.started(ref.tenantId(), ref.requestId());
            await(() -> fake.request(ref).status() == RequestStatus.AWAITING_APPROVAL);
            fake.setStatus(ref, RequestStatus.APPROVED);
            signals.changed(ref.tenantId(), ref.requestId());
            await(() -> fake.request(ref).status() == RequestStatus.VERIFYING
                    && fake.calls().contains("verify:crm"));
            env.sleep(Duration.ofDays(1));
            fake.recipientSettled(ref, false);
            signals.changed(ref.tenantId(), ref.requestId());
            DataSubjectRequestWorkflow workflow = client.newWorkflowStub(
                    DataSubjectRequestWorkflow.class, ref.requestId().toString());
            assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED);

            String json = client.fetchHistory(ref.requestId().toString()).toJson(true);
            Path file = Path.of("src/test/resources").resolve(RECIPIENTS_HISTORY);
            Files.createDirectories(file.getParent());
            Files.writeString(file, json);
        }
    }

    /**
     * The recorded erasure: three systems — one done at once, one that fails for good and is retried
     * by an officer, one that waits two days for a manual task — a reminder while it awaits
     * approval, then shred, verification and the receipt.
     */
    @Test
    @EnabledIfSystemProperty(named = "lethe.record-history", matches = "true")
    void recordTheErasureHistory() throws IOException {
        FakeRequests fake = new FakeRequests();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            RequestWorker.register(env.getWorkerFactory(), fake);
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            TemporalRequestSignals signals = new TemporalRequestSignals(client, RequestTestTimings.of());
            SystemProgress crm = FakeRequests.system("crm", SystemState.PENDING);
            SystemProgress shop = FakeRequests.system("shop", SystemState.PENDING);
            SystemProgress desk = FakeRequests.system("desk", SystemState.PENDING);
            Instant dueAt = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(2));
            RequestRef ref = fake.file(RequestType.ERASURE, RequestStatus.RECEIVED, dueAt, null, crm, shop, desk);
            fake.behave(shop.connectionId(), FakeRequests.Behaviour.FATAL);
            fake.behave(desk.connectionId(), FakeRequests.Behaviour.WAITING);

            signals.started(ref.tenantId(), ref.requestId());
            await(() -> fake.request(ref).status() == RequestStatus.AWAITING_APPROVAL);
            env.sleep(Duration.ofHours(36));
            await(() -> fake.events().size() == 1);
            fake.setStatus(ref, RequestStatus.APPROVED);
            signals.changed(ref.tenantId(), ref.requestId());
            await(() -> fake.state(ref, shop.connectionId()) == SystemState.FAILED
                    && fake.state(ref, desk.connectionId()) == SystemState.WAITING);
            fake.behave(shop.connectionId(), FakeRequests.Behaviour.DONE);
            fake.retry(ref, shop.connectionId());
            signals.changed(ref.tenantId(), ref.requestId());
            env.sleep(Duration.ofDays(2));
            fake.completeTask(desk.connectionId());
            signals.changed(ref.tenantId(), ref.requestId());
            DataSubjectRequestWorkflow workflow = client.newWorkflowStub(
                    DataSubjectRequestWorkflow.class, ref.requestId().toString());
            assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED);

            String json = client.fetchHistory(ref.requestId().toString()).toJson(true);
            Path file = Path.of("src/test/resources").resolve(HISTORY);
            Files.createDirectories(file.getParent());
            Files.writeString(file, json);
        }
    }
}
