package dev.lethe.workflows.crash;

import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.run.PackageSummary;
import dev.lethe.workflows.run.ReceiptSummary;
import dev.lethe.workflows.run.RecipientSummary;
import dev.lethe.workflows.run.RequestActivities;
import dev.lethe.workflows.run.RequestRef;
import dev.lethe.workflows.run.ScopeSummary;
import dev.lethe.workflows.run.SystemOutcome;
import dev.lethe.workflows.run.Verification;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real activities, each call logged with how long it took or how it failed (ids only): what a
 * killed worker was doing, and whether activities fit their timeouts, is read from its log.
 */
final class TimedActivities implements RequestActivities {

    private static final Logger log = LoggerFactory.getLogger(TimedActivities.class);

    private final RequestActivities real;

    TimedActivities(RequestActivities real) {
        this.real = real;
    }

    @Override
    public RequestSnapshot snapshot(RequestRef ref) {
        return timed("snapshot", ref, null, () -> real.snapshot(ref));
    }

    @Override
    public boolean transition(RequestRef ref, RequestStatus next, String note) {
        return timed("transition:" + next, ref, null, () -> real.transition(ref, next, note));
    }

    @Override
    public ScopeSummary scope(RequestRef ref) {
        return timed("scope", ref, null, () -> real.scope(ref));
    }

    @Override
    public SystemOutcome runSystem(RequestRef ref, UUID connectionId) {
        return timed("runSystem", ref, connectionId, () -> real.runSystem(ref, connectionId));
    }

    @Override
    public SystemOutcome collect(RequestRef ref, UUID connectionId) {
        return timed("collect", ref, connectionId, () -> real.collect(ref, connectionId));
    }

    @Override
    public void failSystem(RequestRef ref, UUID connectionId, String reason) {
        timed("failSystem", ref, connectionId, () -> {
            real.failSystem(ref, connectionId, reason);
            return null;
        });
    }

    @Override
    public void shred(RequestRef ref) {
        timed("shred", ref, null, () -> {
            real.shred(ref);
            return null;
        });
    }

    @Override
    public Verification verifySystem(RequestRef ref, UUID connectionId) {
        return timed("verifySystem", ref, connectionId, () -> real.verifySystem(ref, connectionId));
    }

    @Override
    public PackageSummary assemblePackage(RequestRef ref) {
        return timed("assemblePackage", ref, null, () -> real.assemblePackage(ref));
    }

    @Override
    public ReceiptSummary issueReceipt(RequestRef ref) {
        return timed("issueReceipt", ref, null, () -> real.issueReceipt(ref));
    }

    @Override
    public RecipientSummary recipients(RequestRef ref) {
        return timed("recipients", ref, null, () -> real.recipients(ref));
    }

    @Override
    public int releaseResults(RequestRef ref) {
        return timed("releaseResults", ref, null, () -> real.releaseResults(ref));
    }

    @Override
    public void recordEvent(RequestRef ref, String kind, Map<String, String> details) {
        timed("recordEvent:" + kind, ref, null, () -> {
            real.recordEvent(ref, kind, details);
            return null;
        });
    }

    private static <T> T timed(String activity, RequestRef ref, UUID connectionId, Supplier<T> call) {
        long started = System.nanoTime();
        try {
            T result = call.get();
            log.info(
                    "activity {} request {} system {}: {} ms",
                    activity,
                    ref.requestId(),
                    connectionId,
                    (System.nanoTime() - started) / 1_000_000);
            return result;
        } catch (RuntimeException e) {
            log.info(
                    "activity {} request {} system {}: failed after {} ms ({})",
                    activity,
                    ref.requestId(),
                    connectionId,
                    (System.nanoTime() - started) / 1_000_000,
                    e.getClass().getSimpleName());
            throw e;
        }
    }
}
