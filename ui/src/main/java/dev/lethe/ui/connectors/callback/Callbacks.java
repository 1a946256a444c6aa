package dev.lethe.ui.connectors.callback;

import static dev.lethe.catalog.jooq.Tables.PENDING_OPERATION;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.jooq.tables.records.PendingOperationRecord;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.PendingOperations.Status;
import dev.lethe.connectors.webhook.WebhookResults;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * Accepts a service's callback: the token is the credential, good once and until it expires. The
 * tenant is found from the token's hash (a function that sees past row-level security for that
 * lookup only); everything after runs as that tenant. A callback for an operation that has ended (a
 * request denied, canceled or completed) is refused and its result not kept: nothing would collect
 * it, and the request's own clearing of results has run already.
 */
public final class Callbacks {

    private final DSLContext dsl;
    private final PendingOperationStore store;
    private final AuditTrail audit;
    private final ClosedOperations closed;

    public Callbacks(DSLContext dsl, PendingOperationStore store, AuditTrail audit, ClosedOperations closed) {
        this.dsl = dsl;
        this.store = store;
        this.audit = audit;
        this.closed = closed;
    }

    /**
     * Keeps the result {@code body} gives as the operation's result; the body is read only once the
     * token has been found.
     *
     * @throws PendingProblem unknown or expired token (404), already answered or its operation ended
     *     (410), a result that does not fit the action's schema (400, and the token stays good)
     */
    void accept(String token, Supplier<String> body) {
        if (!CallbackTokens.wellFormed(token)) {
            throw PendingProblem.unknownCallback();
        }
        Record2<UUID, UUID> owner = dsl.resultQuery(
                        "select tenant_id, id from lethe_pending_operation_by_token(?)", CallbackTokens.hash(token))
                .coerce(PENDING_OPERATION.TENANT_ID, PENDING_OPERATION.ID)
                .fetchOne();
        if (owner == null) {
            throw PendingProblem.unknownCallback();
        }
        UUID tenant = owner.value1();
        UUID id = owner.value2();
        TenantContext.runAs(tenant, () -> {
            PendingOperationRecord row = dsl.selectFrom(PENDING_OPERATION)
                    .where(PENDING_OPERATION.TENANT_ID.eq(tenant))
                    .and(PENDING_OPERATION.ID.eq(id))
                    .fetchOne();
            if (row == null || (row.getExpiresAt() != null && row.getExpiresAt().isBefore(OffsetDateTime.now()))) {
                throw PendingProblem.unknownCallback();
            }
            if (Status.valueOf(row.getStatus()) == Status.COMPLETED) {
                throw PendingProblem.usedCallback();
            }
            if (closed.closed(tenant, row.getOperationId())) {
                throw discarded(tenant, id, row, "before");
            }
            String resultJson = body.get();
            WebhookResults.problemWith(Capability.valueOf(row.getAction()), resultJson)
                    .ifPresent(problem -> {
                        throw PendingProblem.invalidResult(problem);
                    });
            // Conditional: of two concurrent callbacks, one completes and the other is told it is used.
            if (!store.completeAs(tenant, id, resultJson, "callback")) {
                throw PendingProblem.usedCallback();
            }
            if (closed.closed(tenant, row.getOperationId())) {
                // Ended while the result was written: the request's clearing may have run before it.
                store.discardAs(tenant, id);
                throw discarded(tenant, id, row, "while");
            }
            audit.append(new AuditEvent(
                    tenant,
                    Actor.system("callback:" + row.getConnection()),
                    "connector.callback.received",
                    "pending:" + id,
                    Map.of(
                            "connection", row.getConnection(),
                            "action", row.getAction(),
                            "operation", row.getOperationId())));
        });
    }

    private PendingProblem discarded(UUID tenant, UUID id, PendingOperationRecord row, String when) {
        audit.append(new AuditEvent(
                tenant,
                Actor.system("callback:" + row.getConnection()),
                "connector.callback.discarded",
                "pending:" + id,
                Map.of(
                        "connection", row.getConnection(),
                        "action", row.getAction(),
                        "operation", row.getOperationId(),
                        "closed", when + " the callback")));
        return PendingProblem.closedOperation();
    }
}
