package dev.lethe.workflows.request;

import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static dev.lethe.catalog.jooq.Tables.REQUEST_EVENT;
import static dev.lethe.catalog.jooq.Tables.REQUEST_SYSTEM;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.jooq.tables.records.RequestRecord;
import dev.lethe.catalog.jooq.tables.records.RequestSystemRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request tables as the store and the officers' actions share them: one transaction per action,
 * the request row locked while it changes, and each change's timeline entry and audit entry written in
 * the same transaction. Timeline entries may carry an officer's reason; audit entries never do (a
 * reason is free text and may name the subject).
 */
final class RequestRows {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};

    private final DSLContext dsl;
    private final AuditTrail trail;

    RequestRows(DSLContext dsl, AuditTrail trail) {
        this.dsl = dsl;
        this.trail = trail;
    }

    DSLContext dsl() {
        return dsl;
    }

    <T> T transaction(Function<DSLContext, T> work) {
        return dsl.transactionResult(configuration -> work.apply(DSL.using(configuration)));
    }

    /** The request row, locked for the transaction. */
    RequestRecord lock(DSLContext tx, UUID tenantId, UUID id) {
        return tx.selectFrom(REQUEST)
                .where(REQUEST.TENANT_ID.eq(tenantId))
                .and(REQUEST.ID.eq(id))
                .forUpdate()
                .fetchOptional()
                .orElseThrow(() -> new NotFoundException("request " + id));
    }

    Optional<RequestRecord> find(DSLContext tx, UUID tenantId, UUID id) {
        return tx.selectFrom(REQUEST)
                .where(REQUEST.TENANT_ID.eq(tenantId))
                .and(REQUEST.ID.eq(id))
                .fetchOptional();
    }

    List<RequestSystemRecord> systems(DSLContext tx, UUID tenantId, UUID id) {
        return tx.selectFrom(REQUEST_SYSTEM)
                .where(REQUEST_SYSTEM.TENANT_ID.eq(tenantId))
                .and(REQUEST_SYSTEM.REQUEST_ID.eq(id))
                .orderBy(REQUEST_SYSTEM.NAME, REQUEST_SYSTEM.CONNECTION_ID)
                .fetch();
    }

    List<RequestDetail.TimelineEntry> timeline(DSLContext tx, UUID tenantId, UUID id) {
        return tx.selectFrom(REQUEST_EVENT)
                .where(REQUEST_EVENT.TENANT_ID.eq(tenantId))
                .and(REQUEST_EVENT.REQUEST_ID.eq(id))
                .orderBy(REQUEST_EVENT.ID)
                .fetch(event -> new RequestDetail.TimelineEntry(
                        event.getAt().toInstant(),
                        event.getActor(),
                        event.getKind(),
                        JSON.readValue(event.getDetails().data(), DETAILS)));
    }

    /**
     * Appends to the timeline and to the audit chain. {@code details} go to both and hold no personal
     * data; {@code reason} (an officer's words) only to the timeline.
     */
    void record(
            DSLContext tx,
            UUID tenantId,
            UUID id,
            Actor actor,
            String kind,
            Map<String, String> details,
            String reason) {
        Map<String, String> timeline = new LinkedHashMap<>(details);
        if (reason != null) {
            timeline.put("reason", reason);
        }
        tx.insertInto(REQUEST_EVENT)
                .set(REQUEST_EVENT.TENANT_ID, tenantId)
                .set(REQUEST_EVENT.REQUEST_ID, id)
                .set(REQUEST_EVENT.ACTOR, by(actor))
                .set(REQUEST_EVENT.KIND, kind)
                .set(REQUEST_EVENT.DETAILS, JSONB.valueOf(JSON.writeValueAsString(timeline)))
                .execute();
        trail.append(new AuditEvent(tenantId, actor, kind, "request:" + id, details));
    }

    /** Moves the (locked) request to {@code next}: closed_at when final, and the revision when a person did it. */
    static void status(RequestRecord request, RequestStatus next, boolean byPerson) {
        request.setStatus(next.name());
        if (next != RequestStatus.ON_HOLD) {
            // Leaving hold (released or cancelled) forgets the status it interrupted.
            request.setHeldStatus(null);
        }
        request.setUpdatedAt(OffsetDateTime.now(ZoneOffset.UTC));
        if (next.closed()) {
            request.setClosedAt(OffsetDateTime.now(ZoneOffset.UTC));
        }
        if (byPerson) {
            request.setRevision(request.getRevision() + 1);
        }
    }

    /** Tells {@code closings} that the (committed) request has closed. */
    static void closed(RequestClosings closings, RequestRecord request) {
        closings.closed(
                RequestType.valueOf(request.getType()),
                statusOf(request),
                java.time.Duration.between(
                        request.getReceivedAt().toInstant(),
                        request.getClosedAt().toInstant()));
    }

    static String by(Actor actor) {
        return actor.kind().name().toLowerCase(Locale.ROOT) + ":" + actor.id();
    }

    static RequestStatus statusOf(RequestRecord request) {
        return RequestStatus.valueOf(request.getStatus());
    }

    static RequestSummary summary(RequestRecord request) {
        return new RequestSummary(
                request.getId(),
                RequestType.valueOf(request.getType()),
                statusOf(request),
                request.getRegulation(),
                Channel.valueOf(request.getChannel()),
                Arrays.asList(request.getIdentityTypes()),
                request.getReceivedAt().toInstant(),
                request.getDueAt().toInstant(),
                request.getExtended(),
                request.getLinkedTo(),
                request.getCreatedBy(),
                instant(request.getClosedAt()));
    }

    static RequestSnapshot snapshot(RequestRecord request, List<RequestSystemRecord> systems) {
        return new RequestSnapshot(
                request.getId(),
                request.getTenantId(),
                RequestType.valueOf(request.getType()),
                statusOf(request),
                request.getRegulation(),
                request.getReceivedAt().toInstant(),
                request.getDueAt().toInstant(),
                request.getExtended(),
                request.getLinkedTo(),
                systems.stream().map(RequestRows::progress).toList(),
                request.getRevision());
    }

    static SystemProgress progress(RequestSystemRecord system) {
        return new SystemProgress(
                system.getConnectionId(),
                system.getSystemId(),
                system.getName(),
                system.getConnectorType(),
                SystemState.valueOf(system.getState()),
                system.getFound(),
                system.getDetail(),
                system.getPendingOperation(),
                system.getAttempts());
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
