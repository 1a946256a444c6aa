package dev.lethe.workflows.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.request.SystemState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request's lifecycle as the workflow drives it: approval, denial, holds, duplicates, deadlines. */
class DataSubjectRequestWorkflowTest extends WorkflowTestSupport {

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
        assertThat(calls.indexOf("release"))
                .as("the systems' kept results are cleared once the receipt is issued")
                .isGreaterThan(calls.indexOf("receipt"));
        assertThat(fake.count("release")).isEqualTo(1);
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
        assertThat(fake.count("release")).isEqualTo(1);
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
    void aSystemRetriedWhileTheRequestIsHeldRunsOnlyAfterTheRelease() {
        RequestRef ref = erasure(RequestStatus.APPROVED, crm);
        fake.behave(crm.connectionId(), FakeRequests.Behaviour.FATAL);
        DataSubjectRequestWorkflow workflow = start(ref);

        awaitSystem(ref, crm, SystemState.FAILED);
        fake.behave(crm.connectionId(), FakeRequests.Behaviour.DONE);
        act(ref, () -> {
            fake.setStatus(ref, RequestStatus.ON_HOLD);
            fake.retry(ref, crm.connectionId());
        });
        await(() -> fake.calls().contains("snapshot:ON_HOLD"));
        act(ref, () -> fake.setStatus(ref, RequestStatus.IN_PROGRESS));

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fake.calls()).doesNotContain("run-while-held");
        assertThat(fake.count("run:crm")).isEqualTo(2);
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
        // A month awaiting approval: the workflow never approves by itself (the store's four-eyes rule decides).
        assertThat(fake.calls()).noneMatch(call -> call.startsWith("run:") || call.startsWith("transition:"));
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

    @Test
    void aRectificationCompletesOnlyOnceEveryRecipientAcknowledgedAndAWaiverIsAnException() {
        RequestRef ref = request(RequestType.RECTIFICATION, RequestStatus.APPROVED, Duration.ofDays(30), crm, shop);
        fake.recipients(ref, 2);
        DataSubjectRequestWorkflow workflow = start(ref);

        await(() -> fake.calls().contains("recipients:2"));
        assertThat(fake.transitions()).doesNotContain(RequestStatus.COMPLETED, RequestStatus.COMPLETED_WITH_EXCEPTIONS);
        act(ref, () -> fake.recipientSettled(ref, false));
        await(() -> fake.calls().contains("recipients:1"));
        assertThat(fake.request(ref).status()).isEqualTo(RequestStatus.IN_PROGRESS);
        act(ref, () -> fake.recipientSettled(ref, true));

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED_WITH_EXCEPTIONS);
        assertThat(fake.calls()).contains("recipients:0").doesNotContain("shred", "receipt");
        assertThat(fake.count("run:crm")).isEqualTo(1);
    }

    @Test
    void anErasureShredsWithoutWaitingForItsRecipientsButIssuesItsReceiptOnlyAfterTheyAcknowledged() {
        RequestRef ref = erasure(RequestStatus.APPROVED, crm);
        fake.recipients(ref, 1);
        DataSubjectRequestWorkflow workflow = start(ref);

        awaitStatus(ref, RequestStatus.VERIFYING);
        await(() -> fake.count("verify:crm") == 1 && fake.count("recipients:1") >= 2);
        assertThat(fake.calls()).contains("shred").doesNotContain("receipt");
        List<String> calls = fake.calls();
        assertThat(calls.indexOf("recipients:1")).isLessThan(calls.indexOf("shred"));
        act(ref, () -> fake.recipientSettled(ref, false));

        assertThat(workflow.run(null)).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fake.count("receipt")).isEqualTo(1);
        assertThat(fake.calls().indexOf("receipt")).isGreaterThan(fake.calls().indexOf("recipients:0"));
    }
}
