package dev.lethe.workflows.run;

import static dev.lethe.workflows.run.FakeRequests.system;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataSubjectRequestWorkflowTest {

    private TestWorkflowEnvironment env;
    private final FakeRequests fake = new FakeRequests();
    private final SystemProgress crm = system("crm", SystemState.PENDING);
    private final SystemProgress shop = system("shop", SystemState.PENDING);

    @BeforeEach
    void startEnvironment() {
        env = TestWorkflowEnvironment.newInstance();
        RequestWorker.register(env.getWorkerFactory(), fake);
        env.start();
    }

    @AfterEach
    void closeEnvironment() {
        env.close();
    }

    @Test
    void anApprovedErasureRunsEverySystemShredsBeforeVerifyingAndIssuesOneReceipt() {
        RequestRef ref = erasure(RequestStatus.RECEIVED, crm, shop);
        DataSubjectRequestWorkflow workflow = start(ref);

        awaitStatus(ref, RequestStatus.AWAITING_APPROVAL);
        act(ref, () -> fake.setStatus(ref, RequestStatus.APPROVED));

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fake.transitions())
                .containsExactly(
                        RequestStatus.AWAITING_APPROVAL,
                        RequestStatus.IN_PROGRESS,
                        RequestStatus.VERIFYING,
                        RequestStatus.COMPLETED);
        List<String> calls = fake.calls();
        assertThat(calls.indexOf("scope")).isLessThan(calls.indexOf("run:crm"));
        assertThat(calls.indexOf("shred"))
                .isGreaterThan(calls.indexOf("run:crm"))
                .isGreaterThan(calls.indexOf("run:shop"));
        assertThat(calls.indexOf("shred"))
                .isLessThan(calls.indexOf("verify:crm"))
                .isLessThan(calls.indexOf("verify:shop"));
        assertThat(fake.count("receipt")).isEqualTo(1);
        assertThat(fake.count("shred")).isEqualTo(1);
    }

    @Test
    void anErasureWhoseReceiptListsRetainedRecordsCompletesWithExceptions() {
        RequestRef ref = erasure(RequestStatus.APPROVED, crm, shop);
        fake.receiptExceptions(2);

        assertThat(start(ref).run(null)).isEqualTo(RequestStatus.COMPLETED_WITH_EXCEPTIONS);
        assertThat(fake.count("receipt")).isEqualTo(1);
    }

    @Test
    void anErasureLeftUnverifiedInASystemCompletesWithExceptions() {
        RequestRef ref = erasure(RequestStatus.APPROVED, crm, shop);
        fake.leaveUnverified(shop.connectionId());

        assertThat(start(ref).run(null)).isEqualTo(RequestStatus.COMPLETED_WITH_EXCEPTIONS);
    }

    @Test
    void aPortalRestrictionWaitsForIdentityProofThenRunsEverySystemWithoutShreddingOrPackaging() {
        RequestRef ref =
                request(RequestType.RESTRICTION, RequestStatus.IDENTITY_UNVERIFIED, Duration.ofDays(30), crm, shop);
        DataSubjectRequestWorkflow workflow = start(ref);

        await(() -> fake.count("snapshot:IDENTITY_UNVERIFIED") >= 1);
        assertThat(fake.calls()).doesNotContain("scope");
        act(ref, () -> fake.setStatus(ref, RequestStatus.VERIFIED));
        awaitStatus(ref, RequestStatus.AWAITING_APPROVAL);
        act(ref, () -> fake.setStatus(ref, RequestStatus.APPROVED));

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fake.calls()).contains("scope", "run:crm", "run:shop").doesNotContain("shred", "receipt", "package");
    }

    @Test
    void startingARequestTwiceRunsOneWorkflow() {
        RequestRef ref = erasure(RequestStatus.APPROVED, crm);
        DataSubjectRequestWorkflow workflow = start(ref);
        start(ref);

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fake.count("run:crm")).isEqualTo(1);
        assertThat(fake.count("receipt")).isEqualTo(1);
    }

    @Test
    void aDeniedRequestEndsWithoutTouchingAnySystem() {
        RequestRef ref = erasure(RequestStatus.RECEIVED, crm, shop);
        DataSubjectRequestWorkflow workflow = start(ref);

        awaitStatus(ref, RequestStatus.AWAITING_APPROVAL);
        act(ref, () -> fake.setStatus(ref, RequestStatus.DENIED));

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.DENIED);
        assertThat(fake.calls()).noneMatch(call -> call.startsWith("run:") || call.equals("shred"));
    }

    @Test
    void aSystemThatFailsForGoodIsRecordedFailedAndAnOfficersRetryCompletesTheRequest() {
        RequestRef ref = erasure(RequestStatus.APPROVED, crm, shop);
        fake.behave(shop.connectionId(), FakeRequests.Behaviour.FATAL);
        DataSubjectRequestWorkflow workflow = start(ref);

        awaitSystem(ref, shop, SystemState.FAILED);
        assertThat(fake.count("shred")).isZero();
        fake.behave(shop.connectionId(), FakeRequests.Behaviour.DONE);
        act(ref, () -> fake.retry(ref, shop.connectionId()));

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fake.count("run:shop")).isEqualTo(2);
        assertThat(fake.count("run:crm")).isEqualTo(1);
        assertThat(fake.count("fail:shop")).isEqualTo(1);
    }

    @Test
    void aFailedSystemSkippedByAnOfficerCompletesTheRequestWithExceptions() {
        RequestRef ref = erasure(RequestStatus.APPROVED, crm, shop);
        fake.behave(shop.connectionId(), FakeRequests.Behaviour.FATAL);
        DataSubjectRequestWorkflow workflow = start(ref);

        awaitSystem(ref, shop, SystemState.FAILED);
        act(ref, () -> fake.skip(ref, shop.connectionId()));

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED_WITH_EXCEPTIONS);
        assertThat(fake.calls()).contains("shred", "verify:crm", "receipt").doesNotContain("verify:shop");
    }

    @Test
    void aRetriableFailureIsRetriedWithoutAnOfficer() {
        RequestRef ref = erasure(RequestStatus.APPROVED, crm, shop);
        fake.failRetriably(shop.connectionId(), 2);

        assertThat(start(ref).run(null)).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fake.count("run:shop")).isEqualTo(3);
        assertThat(fake.calls()).noneMatch(call -> call.startsWith("fail:"));
    }

    @Test
    void aManualTaskConfirmedDaysLaterIsCollectedAndTheRequestCompletes() {
        RequestRef ref = request(RequestType.ACCESS, RequestStatus.APPROVED, Duration.ofDays(30), crm, shop);
        fake.behave(shop.connectionId(), FakeRequests.Behaviour.WAITING);
        DataSubjectRequestWorkflow workflow = start(ref);

        awaitSystem(ref, shop, SystemState.WAITING);
        env.sleep(Duration.ofDays(5));
        assertThat(fake.state(ref, shop.connectionId())).isEqualTo(SystemState.WAITING);
        fake.completeTask(shop.connectionId());
        act(ref, () -> {});

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fake.count("run:shop")).isEqualTo(1);
        assertThat(fake.calls()).contains("collect:shop", "package");
    }

    @Test
    void cancelingDuringTheFanOutCancelsTheRunningActivitiesAndStops() throws InterruptedException {
        RequestRef ref = erasure(RequestStatus.APPROVED, crm, shop);
        fake.behave(shop.connectionId(), FakeRequests.Behaviour.BLOCKS);
        DataSubjectRequestWorkflow workflow = start(ref);

        awaitSystem(ref, shop, SystemState.RUNNING);
        act(ref, () -> fake.setStatus(ref, RequestStatus.CANCELED));

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.CANCELED);
        assertThat(fake.cancelled.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fake.calls()).doesNotContain("shred", "receipt");
    }

    @Test
    void aHoldPausesTheRequestAtTheNextStepUntilItIsReleased() {
        RequestRef ref = erasure(RequestStatus.APPROVED, crm);
        fake.afterRun(f -> f.setStatus(ref, RequestStatus.ON_HOLD));
        DataSubjectRequestWorkflow workflow = start(ref);

        await(() -> fake.calls().contains("snapshot:ON_HOLD"));
        assertThat(fake.count("shred")).isZero();
        fake.afterRun(f -> {});
        act(ref, () -> fake.setStatus(ref, RequestStatus.IN_PROGRESS));

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED);
        List<String> calls = fake.calls();
        assertThat(calls.indexOf("shred")).isGreaterThan(calls.lastIndexOf("snapshot:ON_HOLD"));
        assertThat(fake.count("shred")).isEqualTo(1);
        assertThat(fake.count("run:crm")).isEqualTo(1);
    }

    @Test
    void aReminderAndTheOverdueFlagAreRecordedOnceEachAndAnExtensionMovesThem() {
        RequestRef ref = request(RequestType.ERASURE, RequestStatus.AWAITING_APPROVAL, Duration.ofDays(10), crm);
        Instant firstDue = fake.request(ref).dueAt();
        DataSubjectRequestWorkflow workflow = start(ref);

        env.sleep(Duration.ofDays(9).plusHours(12));
        await(() -> fake.events().size() == 1);
        Instant extendedDue = firstDue.plus(Duration.ofDays(20));
        act(ref, () -> fake.setDueAt(ref, extendedDue));
        env.sleep(Duration.ofDays(21));
        await(() -> fake.events().size() == 3);
        act(ref, () -> fake.setStatus(ref, RequestStatus.CANCELED));
        assertThat(workflow.run(null)).isEqualTo(RequestStatus.CANCELED);

        assertThat(fake.eventCalls())
                .containsOnlyKeys(
                        "request.reminder{dueAt=" + firstDue + ", lead=PT24H}",
                        "request.reminder{dueAt=" + extendedDue + ", lead=PT24H}",
                        "request.overdue{dueAt=" + extendedDue + "}")
                .allSatisfy((event, calls) -> assertThat(calls).isEqualTo(1));
    }

    @Test
    void aChangeWhoseSignalWasLostIsPickedUpAtTheNextRecheck() {
        RequestRef ref = erasure(RequestStatus.RECEIVED, crm);
        DataSubjectRequestWorkflow workflow = start(ref);

        awaitStatus(ref, RequestStatus.AWAITING_APPROVAL);
        fake.setStatus(ref, RequestStatus.APPROVED); // and no signal

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED);
    }

    @Test
    void aWorkflowStartedAgainOnARequestInProgressRunsOnlyTheSystemsNotDoneYet() {
        SystemProgress doneCrm = system("crm", SystemState.DONE);
        SystemProgress doneShop = system("shop", SystemState.DONE);
        SystemProgress billing = system("billing", SystemState.PENDING);
        RequestRef ref =
                request(RequestType.ACCESS, RequestStatus.IN_PROGRESS, Duration.ofDays(30), doneCrm, doneShop, billing);

        assertThat(start(ref).run(null)).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fake.calls()).filteredOn(call -> call.startsWith("run:")).containsExactly("run:billing");
        assertThat(fake.count("package")).isEqualTo(1);
    }

    @Test
    void aDuplicateWaitsForTheRequestItDuplicatesAndIsAnsweredByIt() {
        RequestRef original = erasure(RequestStatus.AWAITING_APPROVAL, crm);
        RequestRef duplicate = fake.file(
                RequestType.ERASURE,
                RequestStatus.RECEIVED,
                Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(30)),
                original.requestId());
        DataSubjectRequestWorkflow workflow = start(duplicate);

        await(() -> fake.count("snapshot:AWAITING_APPROVAL") >= 1);
        assertThat(fake.calls()).doesNotContain("scope");
        act(duplicate, () -> fake.setStatus(original, RequestStatus.COMPLETED));

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fake.calls()).doesNotContain("scope", "shred");
    }

    @Test
    void aDuplicateOfADeniedRequestRunsOnItsOwn() {
        RequestRef original = erasure(RequestStatus.DENIED, crm);
        RequestRef duplicate = fake.file(
                RequestType.ERASURE,
                RequestStatus.RECEIVED,
                Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(30)),
                original.requestId());
        start(duplicate);

        awaitStatus(duplicate, RequestStatus.AWAITING_APPROVAL);
        assertThat(fake.calls()).contains("scope");
    }

    // --- helpers ---

    private RequestRef erasure(RequestStatus status, SystemProgress... systems) {
        return request(RequestType.ERASURE, status, Duration.ofDays(30), systems);
    }

    private RequestRef request(RequestType type, RequestStatus status, Duration due, SystemProgress... systems) {
        Instant dueAt = Instant.ofEpochMilli(env.currentTimeMillis()).plus(due);
        return fake.file(type, status, dueAt, null, systems);
    }

    /** Starts the request's workflow; the returned stub's {@code run(null)} waits for its result. */
    private DataSubjectRequestWorkflow start(RequestRef ref) {
        WorkflowClient client = env.getWorkflowClient();
        new TemporalRequestSignals(client, RequestTestTimings.of()).started(ref.tenantId(), ref.requestId());
        return client.newWorkflowStub(
                DataSubjectRequestWorkflow.class, ref.requestId().toString());
    }

    /** A person's change: written to the store first, then the workflow is told. */
    private void act(RequestRef ref, Runnable change) {
        change.run();
        new TemporalRequestSignals(env.getWorkflowClient(), RequestTestTimings.of())
                .changed(ref.tenantId(), ref.requestId());
    }

    private void awaitStatus(RequestRef ref, RequestStatus status) {
        await(() -> fake.request(ref).status() == status);
    }

    private void awaitSystem(RequestRef ref, SystemProgress system, SystemState state) {
        await(() -> fake.state(ref, system.connectionId()) == state);
    }

    /** Waits for the workflow to get somewhere (it runs on other threads); not a timing assertion. */
    static void await(BooleanSupplier condition) {
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
