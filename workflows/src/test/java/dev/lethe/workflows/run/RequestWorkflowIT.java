package dev.lethe.workflows.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The worker, the signals and the reconciler against the real embedded Temporal server (port-bound,
 * timers in real time), with the in-memory activities.
 */
@ExtendWith(LocalServicesExtension.class)
class RequestWorkflowIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final FakeRequests fake = new FakeRequests();
    private final String taskQueue = UniqueNames.of("requests");
    private final RequestTimings timings = new RequestTimings(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Duration.ofMillis(200),
            2.0,
            Duration.ofSeconds(2),
            3,
            List.of(Duration.ofSeconds(8)),
            Duration.ofMinutes(1));
    private WorkflowServiceStubs stubs;
    private WorkflowClient client;
    private WorkerFactory factory;
    private TemporalRequestSignals signals;

    @BeforeEach
    void startWorker() {
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(TestServices.endpoints().temporalTarget())
                .build());
        client = WorkflowClient.newInstance(stubs);
        factory = WorkerFactory.newInstance(client);
        RequestWorker.register(factory, taskQueue, fake);
        factory.start();
        signals = new TemporalRequestSignals(client, taskQueue, timings);
    }

    @AfterEach
    void stopWorker() {
        factory.shutdownNow();
        stubs.shutdownNow();
    }

    @Test
    void theReconcilerStartsUnfinishedRequestsOnceAndTheyRunToTheirEndWithRealTimers() {
        Instant now = Instant.now();
        SystemProgress crm = FakeRequests.system("crm", SystemState.PENDING);
        RequestRef awaitingApproval =
                fake.file(RequestType.ERASURE, RequestStatus.AWAITING_APPROVAL, now.plusSeconds(10), null, crm);
        SystemProgress done = FakeRequests.system("shop", SystemState.DONE);
        SystemProgress pending = FakeRequests.system("billing", SystemState.PENDING);
        RequestRef inProgress = fake.file(
                RequestType.ACCESS, RequestStatus.IN_PROGRESS, now.plus(Duration.ofDays(30)), null, done, pending);
        RequestReconciler reconciler = new RequestReconciler(signals);

        reconciler.reconcile(List.of(awaitingApproval, inProgress));
        reconciler.reconcile(List.of(awaitingApproval, inProgress));

        assertThat(result(inProgress)).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fake.calls()).filteredOn(call -> call.startsWith("run:")).containsExactly("run:billing");
        // The reminder 8 s before the due date and the overdue flag at it, on real timers (a reminder whose
        // moment passed while the machine was busy comes late, as long as the due date has not passed).
        Eventually.require("a reminder and the overdue flag", fake::events, events -> events.size() == 2, PATIENCE);
        fake.setStatus(awaitingApproval, RequestStatus.APPROVED);
        signals.changed(awaitingApproval.tenantId(), awaitingApproval.requestId());
        assertThat(result(awaitingApproval)).isEqualTo(RequestStatus.COMPLETED);
        assertThat(fake.count("receipt")).isEqualTo(1);
        assertThat(fake.eventCalls().values()).containsOnly(1);
    }

    @Test
    void signallingARequestWithoutAWorkflowIsIgnored() {
        assertThatCode(() -> signals.changed(fake.tenantId, UUID.randomUUID())).doesNotThrowAnyException();
    }

    private RequestStatus result(RequestRef ref) {
        try {
            return client.newUntypedWorkflowStub(ref.requestId().toString())
                    .getResult(PATIENCE.toSeconds(), TimeUnit.SECONDS, RequestStatus.class);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the request's workflow did not end", e);
        }
    }
}
