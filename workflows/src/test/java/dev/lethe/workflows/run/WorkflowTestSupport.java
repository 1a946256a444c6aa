package dev.lethe.workflows.run;

import static dev.lethe.workflows.run.FakeRequests.system;

import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test workflow environment with the request workflow on the in-memory activities. */
abstract class WorkflowTestSupport {

    TestWorkflowEnvironment env;
    final FakeRequests fake = new FakeRequests();
    final SystemProgress crm = system("crm", SystemState.PENDING);
    final SystemProgress shop = system("shop", SystemState.PENDING);

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

    RequestRef erasure(RequestStatus status, SystemProgress... systems) {
        return request(RequestType.ERASURE, status, Duration.ofDays(30), systems);
    }

    RequestRef request(RequestType type, RequestStatus status, Duration due, SystemProgress... systems) {
        Instant dueAt = Instant.ofEpochMilli(env.currentTimeMillis()).plus(due);
        return fake.file(type, status, dueAt, null, systems);
    }

    /** Starts the request's workflow; the returned stub's {@code run(null)} waits for its result. */
    DataSubjectRequestWorkflow start(RequestRef ref) {
        WorkflowClient client = env.getWorkflowClient();
        new TemporalRequestSignals(client, RequestTestTimings.of()).started(ref.tenantId(), ref.requestId());
        return client.newWorkflowStub(
                DataSubjectRequestWorkflow.class, ref.requestId().toString());
    }

    /** A person's change: written to the store first, then the workflow is told. */
    void act(RequestRef ref, Runnable change) {
        change.run();
        new TemporalRequestSignals(env.getWorkflowClient(), RequestTestTimings.of())
                .changed(ref.tenantId(), ref.requestId());
    }

    void awaitStatus(RequestRef ref, RequestStatus status) {
        await(() -> fake.request(ref).status() == status);
    }

    void awaitSystem(RequestRef ref, SystemProgress system, SystemState state) {
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
