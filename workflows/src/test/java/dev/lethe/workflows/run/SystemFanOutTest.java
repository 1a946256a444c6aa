package dev.lethe.workflows.run;

import static dev.lethe.workflows.run.FakeRequests.system;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The request in its systems: failures, retries, skips, manual tasks, cancellation, verification, restarts. */
class SystemFanOutTest extends WorkflowTestSupport {

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
}
