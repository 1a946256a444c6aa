package dev.lethe.workflows.request;

import static dev.lethe.catalog.jooq.Tables.PORTAL_AGENT;
import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static dev.lethe.catalog.jooq.Tables.REQUEST_EVENT;
import static dev.lethe.catalog.jooq.Tables.REQUEST_SYSTEM;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.jooq.tables.records.RequestRecord;
import dev.lethe.catalog.jooq.tables.records.RequestSystemRecord;
import dev.lethe.connectors.spi.Identities;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import tools.jackson.core.type.TypeReference;

/**
 * The requests in PostgreSQL (tables {@code request}, {@code request_system}, {@code request_event},
 * row-level security) as the workflows read and record them. Every method is idempotent: a retried
 * activity changes nothing the first call did. The subject is opened from its sealed form only by
 * {@link #identities} and {@link #subject}. Thread-safe.
 */
public final class RequestStore implements RequestLedger {

    /** The actor of what the workflow records. */
    public static final Actor WORKFLOW = Actor.system("workflow");

    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};

    private final RequestRows rows;
    private final IdentitySealing sealing;
    private final RequestSignals signals;
    private final RequestClosings closings;

    public RequestStore(DSLContext dsl, AuditTrail trail, IdentitySealing sealing, RequestSignals signals) {
        this(dsl, trail, sealing, signals, RequestClosings.NONE);
    }

    public RequestStore(
            DSLContext dsl,
            AuditTrail trail,
            IdentitySealing sealing,
            RequestSignals signals,
            RequestClosings closings) {
        this.rows = new RequestRows(dsl, trail);
        this.sealing = Objects.requireNonNull(sealing, "sealing");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.closings = Objects.requireNonNull(closings, "closings");
    }

    /** The recipients (Art. 19) of the store's requests, written in the store's transactions. */
    public RequestRecipients recipients() {
        return new RequestRecipients(rows);
    }

    @Override
    public RequestSnapshot snapshot(UUID tenantId, UUID requestId) {
        return rows.transaction(tx -> {
            RequestRecord request = rows.find(tx, tenantId, requestId)
                    .orElseThrow(() -> new dev.lethe.catalog.change.NotFoundException("request " + requestId));
            return RequestRows.snapshot(request, rows.systems(tx, tenantId, requestId));
        });
    }

    /** The request's status, or empty when there is no such request (of this tenant). */
    public Optional<RequestStatus> status(UUID tenantId, UUID requestId) {
        return rows.find(rows.dsl(), tenantId, requestId).map(RequestRows::statusOf);
    }

    @Override
    public Identities identities(UUID tenantId, UUID requestId) {
        return subject(tenantId, requestId).identities();
    }

    /** Everything the request knows of its subject, opened: for activities only (rectification, objection). */
    public Subject subject(UUID tenantId, UUID requestId) {
        RequestRecord request = rows.find(rows.dsl(), tenantId, requestId)
                .orElseThrow(() -> new dev.lethe.catalog.change.NotFoundException("request " + requestId));
        return SubjectSealing.open(sealing, tenantId, requestId, request);
    }

    @Override
    public boolean transition(UUID tenantId, UUID requestId, RequestStatus next, String note) {
        List<UUID> woken = new java.util.ArrayList<>(); // followers unlinked or answered
        RequestRecord[] moved = new RequestRecord[1];
        rows.transaction(tx -> {
            RequestRecord request = rows.lock(tx, tenantId, requestId);
            RequestStatus current = RequestRows.statusOf(request);
            if (current == next) {
                return false;
            }
            if (!answeredByItsOriginal(request, current, next)) {
                Lifecycle.require(current, next);
            }
            if (next == RequestStatus.ON_HOLD) {
                request.setHeldStatus(current.name());
            }
            RequestRows.status(request, next, false);
            request.store();
            rows.record(
                    tx,
                    tenantId,
                    requestId,
                    WORKFLOW,
                    "request.status_changed",
                    Map.of("from", current.name(), "to", next.name()),
                    note);
            woken.addAll(DuplicateLinks.releaseFollowers(rows, tx, tenantId, requestId, next, WORKFLOW));
            woken.addAll(DuplicateLinks.answeredFollowers(tx, tenantId, requestId, next));
            moved[0] = request;
            return true;
        });
        woken.forEach(follower -> signals.changed(tenantId, follower));
        if (moved[0] != null && next.closed()) {
            RequestRows.closed(closings, moved[0]);
        }
        return moved[0] != null;
    }

    /**
     * A duplicate linked to an open request is answered by that request: it closes as the original
     * did, straight from where it waited, without approval or systems of its own.
     */
    private static boolean answeredByItsOriginal(RequestRecord request, RequestStatus current, RequestStatus next) {
        return request.getLinkedTo() != null
                && (current == RequestStatus.RECEIVED || current == RequestStatus.VERIFIED)
                && (next == RequestStatus.COMPLETED || next == RequestStatus.COMPLETED_WITH_EXCEPTIONS);
    }

    @Override
    public void recordSystem(UUID tenantId, UUID requestId, SystemProgress progress) {
        rows.transaction(tx -> {
            rows.lock(tx, tenantId, requestId);
            RequestSystemRecord system = tx.selectFrom(REQUEST_SYSTEM)
                    .where(REQUEST_SYSTEM.TENANT_ID.eq(tenantId))
                    .and(REQUEST_SYSTEM.REQUEST_ID.eq(requestId))
                    .and(REQUEST_SYSTEM.CONNECTION_ID.eq(progress.connectionId()))
                    .fetchOptional()
                    .orElse(null);
            String previous = system == null ? null : system.getState();
            if (SystemState.SKIPPED.name().equals(previous)) {
                // An officer left the system out while a step on it was in flight: their decision stands
                // over the step's late result (which could otherwise turn it into a retryable failure).
                return null;
            }
            if (system == null) {
                system = tx.newRecord(REQUEST_SYSTEM);
                system.setTenantId(tenantId);
                system.setRequestId(requestId);
                system.setConnectionId(progress.connectionId());
            }
            system.setSystemId(progress.systemId());
            system.setName(progress.name());
            system.setConnectorType(progress.connectorType());
            system.setState(progress.state().name());
            system.setFound(progress.found());
            system.setDetail(progress.detail());
            system.setPendingOperation(progress.pendingOperation());
            system.setAttempts(progress.attempts());
            system.setUpdatedAt(OffsetDateTime.now(ZoneOffset.UTC));
            system.store();
            if (!progress.state().name().equals(previous)) {
                rows.record(
                        tx,
                        tenantId,
                        requestId,
                        WORKFLOW,
                        "request.system_state",
                        Map.of(
                                "connection",
                                progress.connectionId().toString(),
                                "state",
                                progress.state().name()),
                        progress.detail());
            }
            return null;
        });
    }

    @Override
    public void recordPlan(UUID tenantId, UUID requestId, UUID connectionId, String planJson) {
        Objects.requireNonNull(planJson, "planJson");
        rows.transaction(tx -> {
            rows.lock(tx, tenantId, requestId);
            tx.insertInto(REQUEST_SYSTEM)
                    .set(REQUEST_SYSTEM.TENANT_ID, tenantId)
                    .set(REQUEST_SYSTEM.REQUEST_ID, requestId)
                    .set(REQUEST_SYSTEM.CONNECTION_ID, connectionId)
                    .set(REQUEST_SYSTEM.STATE, SystemState.PENDING.name())
                    .set(REQUEST_SYSTEM.PLAN, JSONB.valueOf(planJson))
                    .onConflict(REQUEST_SYSTEM.TENANT_ID, REQUEST_SYSTEM.REQUEST_ID, REQUEST_SYSTEM.CONNECTION_ID)
                    .doUpdate()
                    .set(REQUEST_SYSTEM.PLAN, JSONB.valueOf(planJson))
                    .set(REQUEST_SYSTEM.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                    .execute();
            return null;
        });
    }

    @Override
    public Optional<String> plan(UUID tenantId, UUID requestId, UUID connectionId) {
        return rows.dsl()
                .select(REQUEST_SYSTEM.PLAN)
                .from(REQUEST_SYSTEM)
                .where(REQUEST_SYSTEM.TENANT_ID.eq(tenantId))
                .and(REQUEST_SYSTEM.REQUEST_ID.eq(requestId))
                .and(REQUEST_SYSTEM.CONNECTION_ID.eq(connectionId))
                .fetchOptional(REQUEST_SYSTEM.PLAN)
                .map(JSONB::data);
    }

    /**
     * {@inheritDoc} An entry equal to the request's last one (same kind and details) is taken for a
     * retried call and not appended again.
     */
    @Override
    public void recordEvent(UUID tenantId, UUID requestId, String kind, Map<String, String> details) {
        rows.transaction(tx -> {
            rows.lock(tx, tenantId, requestId);
            var last = tx.select(REQUEST_EVENT.KIND, REQUEST_EVENT.DETAILS)
                    .from(REQUEST_EVENT)
                    .where(REQUEST_EVENT.TENANT_ID.eq(tenantId))
                    .and(REQUEST_EVENT.REQUEST_ID.eq(requestId))
                    .orderBy(REQUEST_EVENT.ID.desc())
                    .limit(1)
                    .fetchOne();
            boolean repeated = last != null
                    && last.value1().equals(kind)
                    && RequestRows.JSON.readValue(last.value2().data(), DETAILS).equals(details);
            if (!repeated) {
                rows.record(tx, tenantId, requestId, WORKFLOW, kind, details, null);
            }
            return null;
        });
    }

    /**
     * Erases the subject's identities of requests closed before {@code closedBefore} (Lethe's own retention):
     * the sealed identities, the key that opens them and their keyed hashes, and an authorized agent's
     * sealed name, authority and proof (a portal filing's). The request's type, status,
     * outcome, timeline and receipt stay; its timeline says when. At most {@code limit} requests per call,
     * oldest first; a request erased already is not counted again.
     *
     * @return how many requests lost their identities
     */
    public int eraseClosedIdentities(UUID tenantId, java.time.Instant closedBefore, int limit) {
        return rows.transaction(tx -> {
            List<UUID> erased = tx.update(REQUEST)
                    .set(REQUEST.SUBJECT, new byte[0])
                    .set(REQUEST.SUBJECT_DEK, new byte[0])
                    .set(REQUEST.IDENTITY_HASHES, new String[0])
                    .set(REQUEST.IDENTITIES_ERASED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                    .where(REQUEST.ID.in(tx.select(REQUEST.ID)
                            .from(REQUEST)
                            .where(REQUEST.TENANT_ID.eq(tenantId))
                            .and(REQUEST.CLOSED_AT.lt(closedBefore.atOffset(ZoneOffset.UTC)))
                            .and(REQUEST.IDENTITIES_ERASED_AT.isNull())
                            .orderBy(REQUEST.CLOSED_AT)
                            .limit(limit)
                            .forUpdate()
                            .skipLocked()))
                    .and(REQUEST.TENANT_ID.eq(tenantId))
                    .returning(REQUEST.ID)
                    .fetch(REQUEST.ID);
            tx.deleteFrom(PORTAL_AGENT)
                    .where(PORTAL_AGENT.TENANT_ID.eq(tenantId))
                    .and(PORTAL_AGENT.REQUEST_ID.in(erased))
                    .execute();
            for (UUID id : erased) {
                tx.insertInto(REQUEST_EVENT)
                        .set(REQUEST_EVENT.TENANT_ID, tenantId)
                        .set(REQUEST_EVENT.REQUEST_ID, id)
                        .set(REQUEST_EVENT.ACTOR, "system:retention")
                        .set(REQUEST_EVENT.KIND, "request.identities_erased")
                        .set(REQUEST_EVENT.DETAILS, JSONB.valueOf("{}"))
                        .execute();
            }
            return erased.size();
        });
    }
}
