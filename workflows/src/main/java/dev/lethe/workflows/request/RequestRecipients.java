package dev.lethe.workflows.request;

import static dev.lethe.catalog.jooq.Tables.PENDING_OPERATION;
import static dev.lethe.catalog.jooq.Tables.REQUEST_RECIPIENT;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.jooq.tables.records.RequestRecipientRecord;
import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.PendingOperation;
import dev.lethe.connectors.spi.PendingOperations;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The recipients a request must tell (GDPR Art. 19) and where each stands: recorded when the request is
 * scoped, told when the request's own work is done, settled when they acknowledged or an officer
 * recorded why not. Each change is written with its timeline and audit entry ({@code
 * request.recipient_recorded}, {@code …_notified}, {@code …_acknowledged}, {@code …_waived}; details:
 * the recipient's id and name, how it is told, never the subject) in one transaction. Every method is
 * idempotent: a change that already took effect is not recorded again. Thread-safe.
 */
public final class RequestRecipients {

    /** The text a manual task's {@code connection} carries for a recipient without a connection. */
    static final String TASK_CONNECTION_PREFIX = "recipient:";

    private final RequestRows rows;

    RequestRecipients(RequestRows rows) {
        this.rows = rows;
    }

    /** How a recipient is told. */
    public enum Via {
        /** It is a connected system of the request: told by the request's step there; its answer acknowledges. */
        CONNECTION,
        /** A manual task asks a person to tell it; completing the task acknowledges. */
        TASK
    }

    /** Where a recipient stands. */
    public enum State {
        PENDING,
        NOTIFIED,
        ACKNOWLEDGED,
        WAIVED;

        public boolean settled() {
            return this == ACKNOWLEDGED || this == WAIVED;
        }
    }

    /** A recipient to record at scoping: its name on the data flows, those flows, and its connection if told through one. */
    public record Found(String recipient, List<UUID> flows, UUID connectionId) {

        public Found {
            Objects.requireNonNull(recipient, "recipient");
            flows = List.copyOf(flows);
        }

        Via via() {
            return connectionId == null ? Via.TASK : Via.CONNECTION;
        }
    }

    /**
     * One recipient of a request as people and the workflow see it.
     *
     * @param taskId the manual task that asks a person to tell it (via TASK, once notified)
     * @param reason why an officer waived it (officer's words; only in the request, not the audit chain)
     */
    public record Recipient(
            UUID id,
            String recipient,
            List<UUID> flows,
            Via via,
            UUID connectionId,
            UUID taskId,
            State state,
            String reason,
            String settledBy,
            Instant recordedAt,
            Instant notifiedAt,
            Instant settledAt) {

        public Recipient {
            flows = List.copyOf(flows);
        }
    }

    /** Records the recipients found at scoping; one already recorded for the request is kept as it is. */
    public void record(UUID tenantId, UUID requestId, List<Found> found) {
        if (found.isEmpty()) {
            return;
        }
        rows.transaction(tx -> {
            rows.lock(tx, tenantId, requestId);
            for (Found recipient : found) {
                UUID id = UUID.randomUUID();
                int inserted = tx.insertInto(REQUEST_RECIPIENT)
                        .set(REQUEST_RECIPIENT.TENANT_ID, tenantId)
                        .set(REQUEST_RECIPIENT.ID, id)
                        .set(REQUEST_RECIPIENT.REQUEST_ID, requestId)
                        .set(REQUEST_RECIPIENT.RECIPIENT, recipient.recipient())
                        .set(REQUEST_RECIPIENT.FLOWS, recipient.flows().toArray(UUID[]::new))
                        .set(REQUEST_RECIPIENT.VIA, recipient.via().name())
                        .set(REQUEST_RECIPIENT.CONNECTION_ID, recipient.connectionId())
                        .onConflictDoNothing()
                        .execute();
                if (inserted > 0) {
                    rows.record(
                            tx,
                            tenantId,
                            requestId,
                            RequestStore.WORKFLOW,
                            "request.recipient_recorded",
                            details(id, recipient.recipient(), recipient.via()),
                            null);
                }
            }
            return null;
        });
    }

    /** The request's recipients, by name. */
    public List<Recipient> list(UUID tenantId, UUID requestId) {
        return list(rows.dsl(), tenantId, requestId);
    }

    static List<Recipient> list(DSLContext dsl, UUID tenantId, UUID requestId) {
        return dsl.selectFrom(REQUEST_RECIPIENT)
                .where(REQUEST_RECIPIENT.TENANT_ID.eq(tenantId))
                .and(REQUEST_RECIPIENT.REQUEST_ID.eq(requestId))
                .orderBy(REQUEST_RECIPIENT.RECIPIENT, REQUEST_RECIPIENT.ID)
                .fetch(RequestRecipients::recipient);
    }

    /**
     * Opens (once) the manual task that asks a person to tell a recipient without a connection, and
     * records the recipient NOTIFIED with it. The task belongs to the request's operation ({@code
     * operationId}), so completing it wakes the request like any manual task of it.
     *
     * @param instructions what the person is asked to do: names the recipient and the request, never the subject
     */
    public void openTask(
            UUID tenantId, UUID requestId, UUID recipientId, String operationId, String instructions, String assignee) {
        rows.transaction(tx -> {
            rows.lock(tx, tenantId, requestId);
            RequestRecipientRecord row = find(tx, tenantId, requestId, recipientId);
            if (row == null || !Via.TASK.name().equals(row.getVia()) || row.getTaskId() != null) {
                return null;
            }
            String connection = TASK_CONNECTION_PREFIX + row.getRecipient();
            UUID task = UUID.fromString(PendingOperation.idFor(
                    new OperationContext(tenantId, operationId, () -> false), connection, Capability.NOTIFY));
            tx.insertInto(PENDING_OPERATION)
                    .set(PENDING_OPERATION.TENANT_ID, tenantId)
                    .set(PENDING_OPERATION.ID, task)
                    .set(PENDING_OPERATION.CONNECTION, connection)
                    .set(PENDING_OPERATION.OPERATION_ID, operationId)
                    .set(PENDING_OPERATION.ACTION, Capability.NOTIFY.name())
                    .set(PENDING_OPERATION.KIND, PendingOperation.Kind.MANUAL_TASK.name())
                    .set(PENDING_OPERATION.STATUS, PendingOperations.Status.WAITING.name())
                    .set(PENDING_OPERATION.INSTRUCTIONS, instructions)
                    .set(PENDING_OPERATION.ASSIGNEE, assignee)
                    .onConflictDoNothing()
                    .execute();
            row.setTaskId(task);
            if (row.getState().equals(State.PENDING.name())) {
                row.setState(State.NOTIFIED.name());
                row.setNotifiedAt(now());
            }
            row.store();
            Map<String, String> details = details(row.getId(), row.getRecipient(), Via.TASK);
            details.put("task", task.toString());
            rows.record(tx, tenantId, requestId, RequestStore.WORKFLOW, "request.recipient_notified", details, null);
            return null;
        });
    }

    /** Records a recipient told through its connection (the request's step there has started). */
    public void notified(UUID tenantId, UUID requestId, UUID recipientId) {
        rows.transaction(tx -> {
            rows.lock(tx, tenantId, requestId);
            RequestRecipientRecord row = find(tx, tenantId, requestId, recipientId);
            if (row == null || !row.getState().equals(State.PENDING.name())) {
                return null;
            }
            row.setState(State.NOTIFIED.name());
            row.setNotifiedAt(now());
            row.store();
            rows.record(
                    tx,
                    tenantId,
                    requestId,
                    RequestStore.WORKFLOW,
                    "request.recipient_notified",
                    details(row.getId(), row.getRecipient(), Via.valueOf(row.getVia())),
                    null);
            return null;
        });
    }

    /**
     * Settles a recipient: {@code ACKNOWLEDGED} (its connection answered, its task was completed) or
     * {@code WAIVED} with the reason. A recipient settled already stays as it is.
     *
     * @param settledBy who acknowledged (the person who completed the task, the connection) or waived
     * @return whether this call settled it
     */
    public boolean settle(
            UUID tenantId,
            UUID requestId,
            UUID recipientId,
            State state,
            String reason,
            Actor actor,
            String settledBy) {
        return rows.transaction(tx -> settle(tx, tenantId, requestId, recipientId, state, reason, actor, settledBy));
    }

    boolean settle(
            DSLContext tx,
            UUID tenantId,
            UUID requestId,
            UUID recipientId,
            State state,
            String reason,
            Actor actor,
            String settledBy) {
        if (!state.settled()) {
            throw new IllegalArgumentException("settles as ACKNOWLEDGED or WAIVED, not " + state);
        }
        rows.lock(tx, tenantId, requestId);
        RequestRecipientRecord row = find(tx, tenantId, requestId, recipientId);
        if (row == null) {
            throw new NotFoundException("recipient " + recipientId + " of request " + requestId);
        }
        if (State.valueOf(row.getState()).settled()) {
            return false;
        }
        OffsetDateTime now = now();
        if (row.getNotifiedAt() == null && state == State.ACKNOWLEDGED) {
            row.setNotifiedAt(now);
        }
        row.setState(state.name());
        row.setReason(reason);
        row.setSettledBy(settledBy);
        row.setSettledAt(now);
        row.store();
        Map<String, String> details = details(row.getId(), row.getRecipient(), Via.valueOf(row.getVia()));
        rows.record(
                tx,
                tenantId,
                requestId,
                actor,
                state == State.ACKNOWLEDGED ? "request.recipient_acknowledged" : "request.recipient_waived",
                details,
                reason);
        return true;
    }

    /** Whether a recipient's manual task was completed, and by whom (null: not completed). */
    public String taskCompletedBy(UUID tenantId, UUID taskId) {
        return rows.dsl()
                .select(PENDING_OPERATION.COMPLETED_BY)
                .from(PENDING_OPERATION)
                .where(PENDING_OPERATION.TENANT_ID.eq(tenantId))
                .and(PENDING_OPERATION.ID.eq(taskId))
                .and(PENDING_OPERATION.STATUS.eq(PendingOperations.Status.COMPLETED.name()))
                .fetchOptional(PENDING_OPERATION.COMPLETED_BY)
                .orElse(null);
    }

    private static RequestRecipientRecord find(DSLContext tx, UUID tenantId, UUID requestId, UUID recipientId) {
        return tx.selectFrom(REQUEST_RECIPIENT)
                .where(REQUEST_RECIPIENT.TENANT_ID.eq(tenantId))
                .and(REQUEST_RECIPIENT.REQUEST_ID.eq(requestId))
                .and(REQUEST_RECIPIENT.ID.eq(recipientId))
                .forUpdate()
                .fetchOne();
    }

    private static Map<String, String> details(UUID id, String recipient, Via via) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("recipientId", id.toString());
        details.put("recipient", recipient);
        details.put("via", via.name());
        return details;
    }

    private static Recipient recipient(RequestRecipientRecord row) {
        return new Recipient(
                row.getId(),
                row.getRecipient(),
                List.of(row.getFlows()),
                Via.valueOf(row.getVia()),
                row.getConnectionId(),
                row.getTaskId(),
                State.valueOf(row.getState()),
                row.getReason(),
                row.getSettledBy(),
                RequestRows.instant(row.getRecordedAt()),
                RequestRows.instant(row.getNotifiedAt()),
                RequestRows.instant(row.getSettledAt()));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
