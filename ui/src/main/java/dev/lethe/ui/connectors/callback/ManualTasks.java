package dev.lethe.ui.connectors.callback;

import static dev.lethe.catalog.jooq.Tables.PENDING_OPERATION;

import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.jooq.tables.records.PendingOperationRecord;
import dev.lethe.connectors.spi.PendingOperation;
import dev.lethe.connectors.spi.PendingOperations.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The tasks of manual connections as people see them: listed by status, completed once with a note.
 * Runs in the caller's tenant scope (the API key's), under row-level security.
 */
public final class ManualTasks {

    static final int MAX_NOTE = 4000;

    private final DSLContext dsl;
    private final PendingOperationStore store;
    private final AuditTrail audit;

    public ManualTasks(DSLContext dsl, PendingOperationStore store, AuditTrail audit) {
        this.dsl = dsl;
        this.store = store;
        this.audit = audit;
    }

    /** A task as the API and the request's page show it. */
    public record ManualTask(
            UUID id,
            String connection,
            String requestId,
            String action,
            String status,
            String instructions,
            String assignee,
            Instant createdAt,
            String note,
            String completedBy,
            Instant completedAt) {}

    /** The tenant's tasks, open ones ({@code open}) or completed ones, oldest first. */
    List<ManualTask> list(UUID tenant, boolean open) {
        return dsl.selectFrom(PENDING_OPERATION)
                .where(PENDING_OPERATION.TENANT_ID.eq(tenant))
                .and(PENDING_OPERATION.KIND.eq(PendingOperation.Kind.MANUAL_TASK.name()))
                .and(
                        open
                                ? PENDING_OPERATION.STATUS.ne(Status.COMPLETED.name())
                                : PENDING_OPERATION.STATUS.eq(Status.COMPLETED.name()))
                .orderBy(PENDING_OPERATION.CREATED_AT, PENDING_OPERATION.ID)
                .limit(500)
                .fetch(ManualTasks::task);
    }

    /** The tasks one operation (a request's, {@code RequestOperations.operationId}) created, oldest first. */
    public List<ManualTask> ofOperation(UUID tenant, String operationId) {
        return dsl.selectFrom(PENDING_OPERATION)
                .where(PENDING_OPERATION.TENANT_ID.eq(tenant))
                .and(PENDING_OPERATION.KIND.eq(PendingOperation.Kind.MANUAL_TASK.name()))
                .and(PENDING_OPERATION.OPERATION_ID.eq(operationId))
                .orderBy(PENDING_OPERATION.CREATED_AT, PENDING_OPERATION.ID)
                .limit(500)
                .fetch(ManualTasks::task);
    }

    /**
     * Completes a task with the person's note, once, and audits it.
     *
     * @throws PendingProblem unknown task (404), already completed (409), blank or long note (400)
     */
    ManualTask complete(Editor editor, UUID id, String note) {
        return complete(editor, id, note, null);
    }

    /**
     * Completes a task of one operation (a request's): a task of another operation is unknown here (404),
     * so a request's page cannot complete another request's task.
     */
    public ManualTask complete(Editor editor, UUID id, String note, String operationId) {
        if (note == null || note.isBlank()) {
            throw PendingProblem.invalidNote("a completion needs a note: what was done");
        }
        if (note.length() > MAX_NOTE) {
            throw PendingProblem.invalidNote("the note is longer than " + MAX_NOTE + " characters");
        }
        UUID tenant = editor.tenantId();
        PendingOperationRecord row = find(tenant, id);
        if (operationId != null && !operationId.equals(row.getOperationId())) {
            throw PendingProblem.unknownTask(id.toString());
        }
        if (Status.valueOf(row.getStatus()) == Status.COMPLETED) {
            throw PendingProblem.completedTask(id.toString());
        }
        if (!store.completeTaskAs(tenant, id, note.strip(), editor.by())) {
            throw PendingProblem.completedTask(id.toString());
        }
        // The note may name people: the trail keeps the facts only.
        audit.append(new AuditEvent(
                tenant,
                editor.actor(),
                "connector.manual_task.completed",
                "pending:" + id,
                Map.of(
                        "connection", row.getConnection(),
                        "action", row.getAction(),
                        "operation", row.getOperationId())));
        return task(find(tenant, id));
    }

    private PendingOperationRecord find(UUID tenant, UUID id) {
        PendingOperationRecord row = dsl.selectFrom(PENDING_OPERATION)
                .where(PENDING_OPERATION.TENANT_ID.eq(tenant))
                .and(PENDING_OPERATION.ID.eq(id))
                .and(PENDING_OPERATION.KIND.eq(PendingOperation.Kind.MANUAL_TASK.name()))
                .fetchOne();
        if (row == null) {
            throw PendingProblem.unknownTask(id.toString());
        }
        return row;
    }

    private static ManualTask task(PendingOperationRecord row) {
        return new ManualTask(
                row.getId(),
                row.getConnection(),
                row.getOperationId(),
                row.getAction(),
                Status.valueOf(row.getStatus()) == Status.COMPLETED ? "completed" : "open",
                row.getInstructions(),
                row.getAssignee(),
                row.getCreatedAt().toInstant(),
                row.getNote(),
                row.getCompletedBy(),
                row.getCompletedAt() == null ? null : row.getCompletedAt().toInstant());
    }
}
