package dev.lethe.workflows.request;

import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static dev.lethe.catalog.jooq.Tables.REQUEST_EVENT;
import static dev.lethe.catalog.jooq.Tables.REQUEST_SYSTEM;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.jooq.tables.records.RequestRecord;
import dev.lethe.catalog.jooq.tables.records.RequestSystemRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What privacy officers do with requests: file, list, look at one, and decide (approve, deny, extend,
 * cancel, hold, release, retry or skip a system). Each action is written to PostgreSQL with a timeline
 * entry and an audit entry ({@code request.*}: ids and statuses, never an identity or an officer's
 * reason) in one transaction, and then the request's workflow is told ({@link RequestSignals}).
 * Repeating an action that already took effect changes nothing; an action the request's state does not
 * allow is a {@link ConflictException}. Thread-safe.
 */
public final class RequestManagement {

    /** The timeline entry of a portal request canceled because its identity was not verified in time. */
    static final String EXPIRED_UNVERIFIED = "request.expired_unverified";

    /** An action's outcome as the API answers a filing. */
    public record Filed(UUID id, RequestStatus status, Instant dueAt, UUID linkedTo) {}

    private final RequestRows rows;
    private final IdentitySealing sealing;
    private final IdentityHashes hashes;
    private final Deadlines deadlines;
    private final RequestSignals signals;
    private final Clock clock;
    private final RequestClosings closings;

    public RequestManagement(
            DSLContext dsl,
            AuditTrail trail,
            IdentitySealing sealing,
            IdentityHashes hashes,
            Deadlines deadlines,
            RequestSignals signals,
            Clock clock) {
        this(dsl, trail, sealing, hashes, deadlines, signals, clock, RequestClosings.NONE);
    }

    public RequestManagement(
            DSLContext dsl,
            AuditTrail trail,
            IdentitySealing sealing,
            IdentityHashes hashes,
            Deadlines deadlines,
            RequestSignals signals,
            Clock clock,
            RequestClosings closings) {
        this.closings = Objects.requireNonNull(closings, "closings");
        this.rows = new RequestRows(dsl, trail);
        this.sealing = Objects.requireNonNull(sealing, "sealing");
        this.hashes = Objects.requireNonNull(hashes, "hashes");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Files a request: due per its regulation from now, its subject sealed, linked to an open duplicate
     * where {@link DuplicateLinks} allows it. A request that came through the public portal waits for
     * the subject to verify their identity ({@code IDENTITY_UNVERIFIED}); others start {@code RECEIVED}.
     */
    public Filed file(Editor editor, NewRequest request) {
        return file(editor, request, null);
    }

    /**
     * Files a request as {@link #file(Editor, NewRequest)} does, with the officer's note on it (how it
     * reached them, what the subject said): free text, so on the timeline only, never in the audit trail.
     */
    public Filed file(Editor editor, NewRequest request, String note) {
        String officersNote = optional(note);
        RegulationDeadlines regulation = deadlines.of(request.regulation());
        UUID tenantId = editor.tenantId();
        UUID id = UUID.randomUUID();
        Instant receivedAt = clock.instant();
        Instant dueAt = regulation.dueAt(receivedAt);
        RequestStatus initial =
                request.channel() == Channel.PORTAL ? RequestStatus.IDENTITY_UNVERIFIED : RequestStatus.RECEIVED;
        Map<String, String> byType = hashes.of(tenantId, request.identities());
        String[] identityHashes = DuplicateLinks.sorted(byType.values());
        IdentitySealing.Sealed sealed = SubjectSealing.seal(
                sealing,
                tenantId,
                id,
                new Subject(
                        IdentityHashes.asSystemsKeepThem(request.identities()),
                        request.corrections(),
                        request.purpose()));
        Filed filed = rows.transaction(tx -> {
            UUID original = DuplicateLinks.originalOf(tx, tenantId, request.type(), identityHashes, initial)
                    .orElse(null);
            RequestRecord row = tx.newRecord(REQUEST);
            row.setId(id);
            row.setTenantId(tenantId);
            row.setType(request.type().name());
            row.setStatus(initial.name());
            row.setRegulation(regulation.regulation());
            row.setChannel(request.channel().name());
            row.setCreatedBy(editor.by());
            row.setIdentityTypes(byType.keySet().toArray(String[]::new));
            row.setIdentityHashes(identityHashes);
            row.setSubject(sealed.ciphertext());
            row.setSubjectDek(sealed.wrappedKey());
            row.setKekVersion(sealed.kekVersion());
            row.setReceivedAt(RequestRows.time(receivedAt));
            row.setDueAt(RequestRows.time(dueAt));
            row.setLinkedTo(original);
            row.store();
            Map<String, String> details = new java.util.LinkedHashMap<>();
            details.put("type", request.type().name());
            details.put("regulation", regulation.regulation());
            details.put("channel", request.channel().name());
            details.put("status", initial.name());
            if (original != null) {
                details.put("linkedTo", original.toString());
            }
            rows.record(tx, tenantId, id, editor.actor(), "request.filed", details, officersNote);
            return new Filed(id, initial, dueAt, original);
        });
        // An unverified request has no workflow until its identity is proven (verifyIdentity starts it).
        if (initial != RequestStatus.IDENTITY_UNVERIFIED) {
            signals.started(tenantId, id);
        }
        return filed;
    }

    /**
     * Records that the subject of a portal request proved they control its identity: {@code
     * IDENTITY_UNVERIFIED → VERIFIED}, then its workflow starts. {@code details} (no personal data) go to
     * the timeline and the audit entry, e.g. that an authorized agent filed it. Once verified it is linked
     * to an open duplicate where {@link DuplicateLinks#originalOfVerified} allows it ({@code linkedTo} in
     * the details). Repeating it changes
     * nothing; a request that is not waiting for verification (expired, canceled) is a conflict.
     */
    public RequestDetail verifyIdentity(Editor editor, UUID id, Map<String, String> details) {
        RequestDetail detail = act(editor, id, (tx, request, current) -> {
            if (current == RequestStatus.VERIFIED) {
                return false;
            }
            move(request, current, RequestStatus.VERIFIED);
            // Only now, with the identity proven, may it follow an open duplicate (never before: see DuplicateLinks).
            Map<String, String> all = new java.util.LinkedHashMap<>(details);
            DuplicateLinks.originalOfVerified(tx, editor.tenantId(), request).ifPresent(original -> {
                request.setLinkedTo(original);
                all.put("linkedTo", original.toString());
            });
            return record(tx, editor, request, "request.identity_verified", all, null);
        });
        signals.started(editor.tenantId(), id);
        return detail;
    }

    /**
     * Cancels a portal request whose identity was not verified in time; returns whether it did (false:
     * it is no longer waiting for verification). It never had a workflow.
     */
    public boolean expireUnverified(Editor editor, UUID id) {
        return rows.transaction(tx -> {
            RequestRecord request = rows.lock(tx, editor.tenantId(), id);
            if (RequestRows.statusOf(request) != RequestStatus.IDENTITY_UNVERIFIED) {
                return false;
            }
            RequestRows.status(request, RequestStatus.CANCELED, false);
            request.store();
            record(tx, editor, request, EXPIRED_UNVERIFIED, Map.of(), null);
            return true;
        });
    }

    /**
     * A page of the tenant's requests, soonest due first. Portal requests whose identity is not verified
     * (yet, or ever: expired) are not the officers' work: they are listed only when asked for by status.
     */
    public List<RequestSummary> list(UUID tenantId, RequestFilter filter, PageRequest page) {
        List<Condition> where = new ArrayList<>(List.of(REQUEST.TENANT_ID.eq(tenantId)));
        if (filter.status() != null) {
            where.add(REQUEST.STATUS.eq(filter.status().name()));
        } else {
            where.add(REQUEST.STATUS.ne(RequestStatus.IDENTITY_UNVERIFIED.name()));
            // Nor are those that expired unverified: nobody proved they were the subject.
            where.add(DSL.notExists(DSL.selectOne()
                    .from(REQUEST_EVENT)
                    .where(REQUEST_EVENT.TENANT_ID.eq(REQUEST.TENANT_ID))
                    .and(REQUEST_EVENT.REQUEST_ID.eq(REQUEST.ID))
                    .and(REQUEST_EVENT.KIND.eq(EXPIRED_UNVERIFIED))));
        }
        if (filter.type() != null) {
            where.add(REQUEST.TYPE.eq(filter.type().name()));
        }
        if (filter.dueBefore() != null) {
            where.add(REQUEST.DUE_AT.lt(RequestRows.time(filter.dueBefore())));
        }
        return rows.dsl()
                .selectFrom(REQUEST)
                .where(where)
                .orderBy(REQUEST.DUE_AT, REQUEST.ID)
                .offset(page.offset())
                .limit(page.limit())
                .fetch(RequestRows::summary);
    }

    /** One request with its decisions, systems (and plans) and timeline. */
    public Optional<RequestDetail> find(UUID tenantId, UUID id) {
        return rows.transaction(tx -> rows.find(tx, tenantId, id).map(request -> detail(tx, request)));
    }

    private RequestDetail detail(DSLContext tx, RequestRecord request) {
        UUID tenantId = request.getTenantId();
        List<RequestDetail.SystemView> systems = rows.systems(tx, tenantId, request.getId()).stream()
                .map(system -> new RequestDetail.SystemView(
                        RequestRows.progress(system),
                        system.getPlan() == null ? null : system.getPlan().data()))
                .toList();
        return new RequestDetail(
                RequestRows.summary(request),
                new RequestDetail.Decisions(
                        request.getApprovedBy(),
                        RequestRows.instant(request.getApprovedAt()),
                        request.getApprovalReason(),
                        request.getDenialReason(),
                        request.getExtensionReason(),
                        request.getHoldReason()),
                systems,
                RequestRecipients.list(tx, tenantId, request.getId()),
                rows.timeline(tx, tenantId, request.getId()),
                request.getRevision());
    }

    /**
     * Approves a request that awaits approval. Four-eyes: an erasure is approved by a principal other
     * than the one who filed it.
     */
    public RequestDetail approve(Editor editor, UUID id, String reason) {
        return act(editor, id, (tx, request, current) -> {
            // A repeated approval by its approver changes nothing, also once the workflow has moved on.
            if (current != RequestStatus.AWAITING_APPROVAL
                    && request.getApprovedAt() != null
                    && editor.by().equals(request.getApprovedBy())) {
                return false;
            }
            if (RequestType.valueOf(request.getType()) == RequestType.ERASURE
                    && editor.by().equals(request.getCreatedBy())) {
                throw new ConflictException(
                        "Four-eyes: an erasure must be approved by someone other than who filed it");
            }
            move(request, current, RequestStatus.APPROVED);
            request.setApprovedBy(editor.by());
            request.setApprovedAt(OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)));
            request.setApprovalReason(optional(reason));
            return record(tx, editor, request, "request.approved", Map.of(), optional(reason));
        });
    }

    /** Denies a request that awaits approval, with the reason (recorded, and told to the subject). */
    public RequestDetail deny(Editor editor, UUID id, String reason) {
        String why = required(reason);
        return act(editor, id, (tx, request, current) -> {
            if (current == RequestStatus.DENIED) {
                return false;
            }
            move(request, current, RequestStatus.DENIED);
            request.setDenialReason(why);
            return record(tx, editor, request, "request.denied", Map.of(), why);
        });
    }

    /** Extends the due date once, by the regulation's extension, with the reason. */
    public RequestDetail extend(Editor editor, UUID id, String reason) {
        String why = required(reason);
        return act(editor, id, (tx, request, current) -> {
            if (current.closed()) {
                throw new ConflictException("A " + current + " request can't be extended");
            }
            if (request.getExtended()) {
                throw new ConflictException("The request was extended already; a regulation allows it once");
            }
            RegulationDeadlines regulation = deadlines.of(request.getRegulation());
            if (!regulation.extendable()) {
                throw new ConflictException(request.getRegulation() + " allows no extension");
            }
            Instant due = regulation.extendedDueAt(request.getDueAt().toInstant());
            request.setDueAt(RequestRows.time(due));
            request.setExtended(true);
            request.setExtensionReason(why);
            return record(tx, editor, request, "request.extended", Map.of("dueAt", due.toString()), why);
        });
    }

    /** Cancels an open request, with the reason; requests linked to it go on on their own. */
    public RequestDetail cancel(Editor editor, UUID id, String reason) {
        String why = required(reason);
        return act(editor, id, (tx, request, current) -> {
            if (current == RequestStatus.CANCELED) {
                return false;
            }
            move(request, current, RequestStatus.CANCELED);
            return record(tx, editor, request, "request.canceled", Map.of("from", current.name()), why);
        });
    }

    /** Puts an open request on hold (a legal hold), with the reason. */
    public RequestDetail hold(Editor editor, UUID id, String reason) {
        String why = required(reason);
        return act(editor, id, (tx, request, current) -> {
            if (current == RequestStatus.ON_HOLD) {
                return false;
            }
            move(request, current, RequestStatus.ON_HOLD);
            request.setHeldStatus(current.name());
            request.setHoldReason(why);
            return record(tx, editor, request, "request.held", Map.of("from", current.name()), why);
        });
    }

    /** Releases a request from hold: it returns to the status it had. */
    public RequestDetail release(Editor editor, UUID id) {
        return act(editor, id, (tx, request, current) -> {
            RequestStatus held =
                    request.getHeldStatus() == null ? null : RequestStatus.valueOf(request.getHeldStatus());
            if (!Lifecycle.mayRelease(current, held)) {
                throw new ConflictException("A " + current + " request is not on hold");
            }
            RequestRows.status(request, held, true);
            request.setHeldStatus(null);
            return record(tx, editor, request, "request.released", Map.of("to", held.name()), null);
        });
    }

    /** Runs a failed system again (its state back to PENDING); the rest of the request is untouched. */
    public RequestDetail retrySystem(Editor editor, UUID id, UUID connectionId) {
        return act(editor, id, (tx, request, current) -> {
            RequestSystemRecord system = openSystem(tx, request, current, connectionId);
            SystemState state = SystemState.valueOf(system.getState());
            if (state == SystemState.PENDING || state == SystemState.RUNNING) {
                return false;
            }
            if (state != SystemState.FAILED) {
                throw new ConflictException("Only a failed system is retried; this one is " + state);
            }
            // The retry counts as an attempt: a workflow waiting on the failed system sees it by the count.
            system.setAttempts(system.getAttempts() + 1);
            updateSystem(system, SystemState.PENDING, "retry requested");
            request.setRevision(request.getRevision() + 1);
            return record(
                    tx, editor, request, "request.system_retried", Map.of("connection", connectionId.toString()), null);
        });
    }

    /** Leaves a system out, with the reason (shown as the system's detail). */
    public RequestDetail skipSystem(Editor editor, UUID id, UUID connectionId, String reason) {
        String why = required(reason);
        return act(editor, id, (tx, request, current) -> {
            RequestSystemRecord system = openSystem(tx, request, current, connectionId);
            SystemState state = SystemState.valueOf(system.getState());
            if (state == SystemState.SKIPPED) {
                return false;
            }
            if (state == SystemState.DONE) {
                throw new ConflictException("The system is done already");
            }
            updateSystem(system, SystemState.SKIPPED, why);
            request.setRevision(request.getRevision() + 1);
            return record(
                    tx, editor, request, "request.system_skipped", Map.of("connection", connectionId.toString()), why);
        });
    }

    /**
     * Records why a recipient (Art. 19) is not told or will not acknowledge — it cannot be reached, it no
     * longer exists, telling it would be disproportionate — so that the request can complete without its
     * acknowledgement. The reason is required; the request then completes with exceptions.
     */
    public RequestDetail waiveRecipient(Editor editor, UUID id, UUID recipientId, String reason) {
        String why = required(reason);
        RequestRecipients recipients = new RequestRecipients(rows);
        return act(editor, id, (tx, request, current) -> {
            if (current.closed()) {
                throw new ConflictException("A " + current + " request's recipients can't change");
            }
            RequestRecipients.Recipient recipient = RequestRecipients.list(tx, editor.tenantId(), id).stream()
                    .filter(candidate -> candidate.id().equals(recipientId))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("recipient " + recipientId + " of request " + id));
            if (recipient.state() == RequestRecipients.State.WAIVED) {
                return false;
            }
            if (recipient.state() == RequestRecipients.State.ACKNOWLEDGED) {
                throw new ConflictException("The recipient acknowledged already");
            }
            recipients.settle(
                    tx,
                    editor.tenantId(),
                    id,
                    recipientId,
                    RequestRecipients.State.WAIVED,
                    why,
                    editor.actor(),
                    editor.by());
            request.setRevision(request.getRevision() + 1);
            return true;
        });
    }

    /** One action on a locked request: returns whether it changed anything (false: repeated). */
    @FunctionalInterface
    private interface Action {
        boolean apply(DSLContext tx, RequestRecord request, RequestStatus current);
    }

    private RequestDetail act(Editor editor, UUID id, Action action) {
        UUID tenantId = editor.tenantId();
        List<UUID> followers = new ArrayList<>();
        RequestRecord[] closed = new RequestRecord[1];
        boolean changed = rows.transaction(tx -> {
            RequestRecord request = rows.lock(tx, tenantId, id);
            RequestStatus before = RequestRows.statusOf(request);
            if (!action.apply(tx, request, before)) {
                return false;
            }
            request.store();
            RequestStatus after = RequestRows.statusOf(request);
            if (after != before) {
                followers.addAll(DuplicateLinks.releaseFollowers(rows, tx, tenantId, id, after, editor.actor()));
            }
            if (after.closed() && !before.closed()) {
                closed[0] = request;
            }
            return true;
        });
        if (closed[0] != null) {
            RequestRows.closed(closings, closed[0]);
        }
        if (changed) {
            signals.changed(tenantId, id);
            followers.forEach(follower -> signals.changed(tenantId, follower));
        }
        return find(tenantId, id).orElseThrow(() -> new NotFoundException("request " + id));
    }

    private static void move(RequestRecord request, RequestStatus current, RequestStatus next) {
        if (!Lifecycle.allows(current, next)) {
            throw new ConflictException("A " + current + " request can't become " + next);
        }
        RequestRows.status(request, next, true);
    }

    private boolean record(
            DSLContext tx,
            Editor editor,
            RequestRecord request,
            String kind,
            Map<String, String> details,
            String reason) {
        Map<String, String> all = new java.util.LinkedHashMap<>(details);
        all.put("status", request.getStatus());
        rows.record(tx, editor.tenantId(), request.getId(), editor.actor(), kind, all, reason);
        return true;
    }

    private RequestSystemRecord openSystem(
            DSLContext tx, RequestRecord request, RequestStatus current, UUID connectionId) {
        if (current.closed()) {
            throw new ConflictException("A " + current + " request's systems can't change");
        }
        return tx.selectFrom(REQUEST_SYSTEM)
                .where(REQUEST_SYSTEM.TENANT_ID.eq(request.getTenantId()))
                .and(REQUEST_SYSTEM.REQUEST_ID.eq(request.getId()))
                .and(REQUEST_SYSTEM.CONNECTION_ID.eq(connectionId))
                .forUpdate()
                .fetchOptional()
                .orElseThrow(() -> new NotFoundException("system " + connectionId + " of request " + request.getId()));
    }

    private static void updateSystem(RequestSystemRecord system, SystemState state, String detail) {
        system.setState(state.name());
        system.setDetail(detail);
        system.setUpdatedAt(OffsetDateTime.now(ZoneOffset.UTC));
        system.store();
    }

    private static String required(String reason) {
        String why = optional(reason);
        if (why == null) {
            throw new InvalidInputException("reason is required");
        }
        return why;
    }

    private static String optional(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (reason.length() > 4000) {
            throw new InvalidInputException("reason is at most 4000 characters");
        }
        return reason.strip();
    }
}
