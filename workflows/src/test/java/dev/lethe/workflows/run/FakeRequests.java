package dev.lethe.workflows.run;

import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The request store and the connected systems in memory, for workflow tests: requests in a map,
 * every call in a log, and failures, waits and blocking per system on demand. Thread-safe
 * (activities run on the worker's threads).
 */
final class FakeRequests implements RequestActivities {

    /** What a system does when the request runs there. */
    enum Behaviour {
        DONE,
        /** Fails for good (non-retryable) while it is set. */
        FATAL,
        /** Waits for a manual task, collected once {@link #completeTask} was called. */
        WAITING,
        /** Runs until cancelled, heartbeating. */
        BLOCKS
    }

    final UUID tenantId = UUID.randomUUID();
    private final Map<UUID, RequestSnapshot> requests = new HashMap<>();
    private final Map<UUID, Behaviour> behaviours = new HashMap<>();
    private final Map<UUID, Integer> retriableFailures = new HashMap<>();
    private final Set<UUID> completedTasks = new HashSet<>();
    private final List<String> calls = new ArrayList<>();
    private final List<RequestStatus> transitions = new ArrayList<>();
    private final Map<String, Integer> eventCalls = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> events = new LinkedHashMap<>();
    private Consumer<FakeRequests> afterRun = fake -> {};
    private int receiptExceptions;
    /** Per request with recipients: [total, open, waived]. */
    private final Map<UUID, int[]> recipients = new HashMap<>();

    private final Set<UUID> unverified = new HashSet<>();
    final CountDownLatch cancelled = new CountDownLatch(1);

    // --- the test's side: requests and what people do (followed by a `changed` signal) ---

    synchronized RequestRef file(
            RequestType type, RequestStatus status, Instant dueAt, UUID linkedTo, SystemProgress... systems) {
        UUID id = UUID.randomUUID();
        requests.put(
                id,
                new RequestSnapshot(
                        id,
                        tenantId,
                        type,
                        status,
                        "GDPR",
                        dueAt.minusSeconds(3600),
                        dueAt,
                        false,
                        linkedTo,
                        List.of(systems),
                        0));
        return new RequestRef(tenantId, id);
    }

    static SystemProgress system(String name, SystemState state) {
        return new SystemProgress(UUID.randomUUID(), UUID.randomUUID(), name, "postgresql", state, 3, null, null, 0);
    }

    synchronized void behave(UUID connectionId, Behaviour behaviour) {
        behaviours.put(connectionId, behaviour);
    }

    synchronized void failRetriably(UUID connectionId, int times) {
        retriableFailures.put(connectionId, times);
    }

    synchronized void receiptExceptions(int count) {
        receiptExceptions = count;
    }

    synchronized void leaveUnverified(UUID connectionId) {
        unverified.add(connectionId);
    }

    synchronized void afterRun(Consumer<FakeRequests> hook) {
        afterRun = hook;
    }

    synchronized void setStatus(RequestRef ref, RequestStatus status) {
        update(ref, s -> with(s, status, s.dueAt(), s.systems()));
    }

    synchronized void setDueAt(RequestRef ref, Instant dueAt) {
        update(ref, s -> with(s, s.status(), dueAt, s.systems()));
    }

    synchronized void retry(RequestRef ref, UUID connectionId) {
        SystemProgress p = progress(ref, connectionId);
        putSystem(
                ref,
                new SystemProgress(
                        p.connectionId(),
                        p.systemId(),
                        p.name(),
                        p.connectorType(),
                        SystemState.PENDING,
                        p.found(),
                        "retried",
                        null,
                        p.attempts() + 1));
    }

    synchronized void skip(RequestRef ref, UUID connectionId) {
        putSystem(ref, progress(ref, connectionId).withState(SystemState.SKIPPED, "skipped by an officer"));
    }

    synchronized void completeTask(UUID connectionId) {
        completedTasks.add(connectionId);
    }

    // --- what the test reads ---

    synchronized RequestSnapshot request(RequestRef ref) {
        return requests.get(ref.requestId());
    }

    synchronized SystemState state(RequestRef ref, UUID connectionId) {
        return progress(ref, connectionId).state();
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized long count(String call) {
        return calls.stream().filter(call::equals).count();
    }

    synchronized List<RequestStatus> transitions() {
        return List.copyOf(transitions);
    }

    /** Events as recorded (once each) and how often each was asked for. */
    synchronized Map<String, Map<String, String>> events() {
        return Map.copyOf(events);
    }

    synchronized Map<String, Integer> eventCalls() {
        return Map.copyOf(eventCalls);
    }

    // --- the activities ---

    @Override
    public synchronized RequestSnapshot snapshot(RequestRef ref) {
        RequestSnapshot s = requests.get(ref.requestId());
        if (s == null) {
            throw ApplicationFailure.newNonRetryableFailure("unknown request", "NotFound");
        }
        calls.add("snapshot:" + s.status());
        return s;
    }

    @Override
    public synchronized boolean transition(RequestRef ref, RequestStatus next, String note) {
        RequestSnapshot s = requests.get(ref.requestId());
        if (s.status() == next || s.status().closed() || s.status() == RequestStatus.ON_HOLD) {
            return false;
        }
        transitions.add(next);
        calls.add("transition:" + next);
        update(ref, r -> with(r, next, r.dueAt(), r.systems()));
        return true;
    }

    @Override
    public synchronized ScopeSummary scope(RequestRef ref) {
        calls.add("scope");
        RequestSnapshot s = requests.get(ref.requestId());
        return new ScopeSummary(
                s.systems().size(),
                s.systems().stream().mapToLong(SystemProgress::found).sum());
    }

    @Override
    public SystemOutcome runSystem(RequestRef ref, UUID connectionId) {
        Behaviour behaviour;
        synchronized (this) {
            calls.add("run:" + progress(ref, connectionId).name());
            if (requests.get(ref.requestId()).status() == RequestStatus.ON_HOLD) {
                calls.add("run-while-held");
            }
            putSystem(ref, progress(ref, connectionId).withState(SystemState.RUNNING, null));
            Integer failures = retriableFailures.getOrDefault(connectionId, 0);
            if (failures > 0) {
                retriableFailures.put(connectionId, failures - 1);
                throw new IllegalStateException("the system did not answer");
            }
            behaviour = behaviours.getOrDefault(connectionId, Behaviour.DONE);
        }
        return switch (behaviour) {
            case FATAL -> throw ApplicationFailure.newNonRetryableFailure("the system refused", "SystemRefused");
            case BLOCKS -> blockUntilCancelled();
            case WAITING -> record(ref, SystemOutcome.waiting(connectionId, "task-1"), SystemState.WAITING);
            case DONE -> record(ref, SystemOutcome.done(connectionId, 3, 0), SystemState.DONE);
        };
    }

    private SystemOutcome blockUntilCancelled() {
        try {
            while (true) {
                Activity.getExecutionContext().heartbeat(null);
                Thread.sleep(50);
            }
        } catch (ActivityCompletionException e) {
            cancelled.countDown();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private SystemOutcome record(RequestRef ref, SystemOutcome outcome, SystemState state) {
        Consumer<FakeRequests> hook;
        synchronized (this) {
            putSystem(ref, progress(ref, outcome.connectionId()).withState(state, null));
            hook = afterRun;
        }
        hook.accept(this);
        return outcome;
    }

    @Override
    public synchronized SystemOutcome collect(RequestRef ref, UUID connectionId) {
        calls.add("collect:" + progress(ref, connectionId).name());
        if (!completedTasks.contains(connectionId)) {
            return SystemOutcome.waiting(connectionId, "task-1");
        }
        putSystem(ref, progress(ref, connectionId).withState(SystemState.DONE, "task completed"));
        return SystemOutcome.done(connectionId, 3, 0);
    }

    @Override
    public synchronized void failSystem(RequestRef ref, UUID connectionId, String reason) {
        calls.add("fail:" + progress(ref, connectionId).name());
        if (progress(ref, connectionId).state() == SystemState.SKIPPED) {
            return;
        }
        putSystem(ref, progress(ref, connectionId).withState(SystemState.FAILED, reason));
    }

    @Override
    public synchronized void shred(RequestRef ref) {
        calls.add("shred");
    }

    @Override
    public synchronized Verification verifySystem(RequestRef ref, UUID connectionId) {
        calls.add("verify:" + progress(ref, connectionId).name());
        boolean verified = !unverified.contains(connectionId);
        return new Verification(connectionId, verified, verified ? 0 : 1);
    }

    @Override
    public synchronized PackageSummary assemblePackage(RequestRef ref) {
        calls.add("package");
        return new PackageSummary(
                "package-1", requests.get(ref.requestId()).systems().size(), 9);
    }

    @Override
    public synchronized ReceiptSummary issueReceipt(RequestRef ref) {
        calls.add("receipt");
        return new ReceiptSummary("receipt-1", receiptExceptions);
    }

    /** The request tells {@code total} recipients, none of which has answered yet. */
    synchronized void recipients(RequestRef ref, int total) {
        recipients.put(ref.requestId(), new int[] {total, total, 0});
    }

    /** One recipient answers: acknowledged, or waived by an officer (then signal `changed`). */
    synchronized void recipientSettled(RequestRef ref, boolean waived) {
        int[] counts = recipients.get(ref.requestId());
        counts[1]--;
        if (waived) {
            counts[2]++;
        }
    }

    @Override
    public synchronized RecipientSummary recipients(RequestRef ref) {
        int[] counts = recipients.get(ref.requestId());
        if (counts == null) {
            return RecipientSummary.NONE;
        }
        calls.add("recipients:" + counts[1]);
        return new RecipientSummary(counts[0], counts[1], counts[2]);
    }

    @Override
    public synchronized int releaseResults(RequestRef ref) {
        calls.add("release");
        return 0;
    }

    @Override
    public synchronized void recordEvent(RequestRef ref, String kind, Map<String, String> details) {
        String key = kind + details;
        eventCalls.merge(key, 1, Integer::sum);
        events.putIfAbsent(key, details);
    }

    // --- helpers ---

    private SystemProgress progress(RequestRef ref, UUID connectionId) {
        return requests.get(ref.requestId()).systems().stream()
                .filter(p -> p.connectionId().equals(connectionId))
                .findFirst()
                .orElseThrow();
    }

    private void putSystem(RequestRef ref, SystemProgress progress) {
        update(ref, s -> {
            List<SystemProgress> systems = new ArrayList<>();
            s.systems().forEach(p -> systems.add(p.connectionId().equals(progress.connectionId()) ? progress : p));
            return with(s, s.status(), s.dueAt(), systems);
        });
    }

    private void update(RequestRef ref, java.util.function.UnaryOperator<RequestSnapshot> change) {
        requests.computeIfPresent(ref.requestId(), (id, s) -> change.apply(s));
    }

    private static RequestSnapshot with(
            RequestSnapshot s, RequestStatus status, Instant dueAt, List<SystemProgress> systems) {
        return new RequestSnapshot(
                s.id(),
                s.tenantId(),
                s.type(),
                status,
                s.regulation(),
                s.receivedAt(),
                dueAt,
                s.extended(),
                s.linkedTo(),
                systems,
                s.revision() + 1);
    }
}
