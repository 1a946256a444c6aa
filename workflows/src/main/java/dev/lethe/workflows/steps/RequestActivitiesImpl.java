package dev.lethe.workflows.steps;

import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.OperationStoppedException;
import dev.lethe.workflows.request.IdentityHashes;
import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import dev.lethe.workflows.run.PackageSummary;
import dev.lethe.workflows.run.ReceiptSummary;
import dev.lethe.workflows.run.RecipientSummary;
import dev.lethe.workflows.run.RequestActivities;
import dev.lethe.workflows.run.RequestRef;
import dev.lethe.workflows.run.ScopeSummary;
import dev.lethe.workflows.run.SystemOutcome;
import dev.lethe.workflows.run.Verification;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The request workflow's activities over the real parts: the request store, the connected systems, the
 * erasure planner, the vault and the locator, packages and receipts. Each call acts as the request's
 * tenant (row-level security), and failures are classified once for Temporal: what may pass is retried,
 * what needs a person (a system refusing, a connection gone) is not. Failure messages carry no personal
 * data (connectors guarantee it for theirs).
 */
public final class RequestActivitiesImpl implements RequestActivities {

    private final RequestStore store;
    private final Scoping scoping;
    private final SystemWork work;
    private final Shredding shredding;
    private final ErasureVerifying verifying;
    private final Evidence evidence;
    private final RecipientNotices recipients;
    private final SubjectRights rights;
    private final CollectedResults collected;

    RequestActivitiesImpl(
            RequestStore store,
            Scoping scoping,
            SystemWork work,
            Shredding shredding,
            ErasureVerifying verifying,
            Evidence evidence,
            RecipientNotices recipients,
            SubjectRights rights,
            CollectedResults collected) {
        this.store = store;
        this.collected = collected;
        this.recipients = recipients;
        this.rights = rights;
        this.scoping = scoping;
        this.work = work;
        this.shredding = shredding;
        this.verifying = verifying;
        this.evidence = evidence;
    }

    /** The activities over the real parts. */
    public static RequestActivitiesImpl over(ActivityParts parts) {
        IdentityHashes hashes = new IdentityHashes(parts.vault());
        SystemResults results = new SystemResults(parts.dsl());
        Evidence evidence = new Evidence(
                parts.store(),
                parts.connected(),
                parts.packages(),
                parts.facts(),
                parts.receipts(),
                results,
                hashes,
                parts.clock(),
                parts.packageLifetime());
        return new RequestActivitiesImpl(
                parts.store(),
                new Scoping(
                        parts.store(),
                        parts.flows(),
                        parts.connected(),
                        parts.subjectMaps(),
                        parts.planner(),
                        hashes,
                        parts.clock()),
                new SystemWork(
                        parts.store(),
                        parts.connected(),
                        parts.subjectMaps(),
                        parts.datasets(),
                        results,
                        parts.restrictions(),
                        evidence),
                new Shredding(parts.store(), parts.vault(), parts.locator()),
                new ErasureVerifying(parts.store(), parts.connected(), parts.subjectMaps(), results),
                evidence,
                new RecipientNotices(parts.store(), parts.flows()),
                new SubjectRights(parts.store(), parts.restrictions(), parts.flows(), parts.dsl(), parts.vault()),
                new CollectedResults(parts.dsl()));
    }

    @Override
    public RequestSnapshot snapshot(RequestRef ref) {
        return as(ref, () -> store.snapshot(ref.tenantId(), ref.requestId()));
    }

    @Override
    public boolean transition(RequestRef ref, RequestStatus next, String note) {
        return as(ref, () -> {
            if (next == RequestStatus.IN_PROGRESS) {
                // Before the systems, and whether or not any holds the subject.
                rights.approved(ref);
            }
            try {
                return store.transition(ref.tenantId(), ref.requestId(), next, note);
            } catch (IllegalStateException notAllowedFromHere) {
                return false;
            }
        });
    }

    @Override
    public ScopeSummary scope(RequestRef ref) {
        return as(ref, () -> Heartbeats.during(() -> scoping.scope(ref)));
    }

    @Override
    public SystemOutcome runSystem(RequestRef ref, UUID connectionId) {
        return as(ref, () -> Heartbeats.during(() -> work.run(ref, connectionId, false)));
    }

    @Override
    public SystemOutcome collect(RequestRef ref, UUID connectionId) {
        return as(ref, () -> Heartbeats.during(() -> work.run(ref, connectionId, true)));
    }

    @Override
    public void failSystem(RequestRef ref, UUID connectionId, String reason) {
        as(ref, () -> {
            SystemProgress progress = store.snapshot(ref.tenantId(), ref.requestId()).systems().stream()
                    .filter(system -> system.connectionId().equals(connectionId))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("system " + connectionId));
            store.recordSystem(ref.tenantId(), ref.requestId(), progress.withState(SystemState.FAILED, reason));
            return null;
        });
    }

    @Override
    public void shred(RequestRef ref) {
        as(ref, () -> {
            shredding.shred(ref);
            return null;
        });
    }

    @Override
    public Verification verifySystem(RequestRef ref, UUID connectionId) {
        return as(ref, () -> Heartbeats.during(() -> verifying.verify(ref, connectionId)));
    }

    @Override
    public PackageSummary assemblePackage(RequestRef ref) {
        return as(ref, () -> Heartbeats.during(() -> evidence.assemble(ref)));
    }

    @Override
    public ReceiptSummary issueReceipt(RequestRef ref) {
        return as(ref, () -> evidence.issue(ref));
    }

    @Override
    public RecipientSummary recipients(RequestRef ref) {
        return as(ref, () -> recipients.tell(ref));
    }

    @Override
    public int releaseResults(RequestRef ref) {
        return as(ref, () -> collected.release(ref));
    }

    @Override
    public void recordEvent(RequestRef ref, String kind, Map<String, String> details) {
        as(ref, () -> {
            store.recordEvent(ref.tenantId(), ref.requestId(), kind, details);
            return null;
        });
    }

    private static <T> T as(RequestRef ref, Supplier<T> step) {
        try {
            return TenantContext.callAs(ref.tenantId(), step);
        } catch (ConnectorException e) {
            if (e.isRetriable()) {
                throw ApplicationFailure.newFailure(e.getMessage(), "SystemUnavailable");
            }
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "SystemRefused");
        } catch (NotFoundException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "NotFound");
        } catch (OperationStoppedException e) {
            throw ApplicationFailure.newFailure("stopped: the request was canceled", "Stopped");
        }
    }
}
