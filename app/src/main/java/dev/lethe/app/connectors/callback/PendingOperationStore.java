package dev.lethe.app.connectors.callback;

import static dev.lethe.catalog.jooq.Tables.PENDING_OPERATION;

import dev.lethe.catalog.jooq.tables.records.PendingOperationRecord;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.PendingOperation;
import dev.lethe.connectors.spi.PendingOperations;
import java.net.URI;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * {@link PendingOperations} in PostgreSQL ({@code pending_operation}, V14), each call as the
 * operation's tenant under row-level security. A callback token is 256 random bits, shown once in
 * the URL it is issued in; only its SHA-256 is stored. Thread-safe: each call is one transaction,
 * and the row is locked while a token is issued.
 */
final class PendingOperationStore implements PendingOperations {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext dsl;
    private final URI callbackPrefix;

    PendingOperationStore(DSLContext dsl, URI callbackPrefix) {
        this.dsl = dsl;
        this.callbackPrefix = callbackPrefix;
    }

    @Override
    public Entry open(Opening opening) {
        return TenantContext.callAs(
                opening.context().tenant(),
                () -> dsl.transactionResult(configuration -> open(DSL.using(configuration), opening)));
    }

    private Entry open(DSLContext tx, Opening opening) {
        UUID tenant = opening.context().tenant();
        UUID id = UUID.fromString(opening.id());
        Status initial = opening.kind() == PendingOperation.Kind.MANUAL_TASK ? Status.WAITING : Status.ISSUED;
        tx.insertInto(PENDING_OPERATION)
                .set(PENDING_OPERATION.TENANT_ID, tenant)
                .set(PENDING_OPERATION.ID, id)
                .set(PENDING_OPERATION.CONNECTION, opening.connection())
                .set(PENDING_OPERATION.OPERATION_ID, opening.context().operationId())
                .set(PENDING_OPERATION.ACTION, opening.action().name())
                .set(PENDING_OPERATION.KIND, opening.kind().name())
                .set(PENDING_OPERATION.STATUS, initial.name())
                .set(PENDING_OPERATION.INSTRUCTIONS, opening.instructions())
                .set(PENDING_OPERATION.ASSIGNEE, opening.assignee())
                .onConflictDoNothing()
                .execute();
        PendingOperationRecord row = tx.selectFrom(PENDING_OPERATION)
                .where(PENDING_OPERATION.TENANT_ID.eq(tenant))
                .and(PENDING_OPERATION.ID.eq(id))
                .forUpdate()
                .fetchSingle();
        Status status = Status.valueOf(row.getStatus());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean expired = status == Status.WAITING
                && row.getExpiresAt() != null
                && row.getExpiresAt().isBefore(now);
        if (status != Status.ISSUED && !expired) {
            return entry(row, null);
        }
        // First send, a retry of a send that never got through, or a callback that never came.
        String token = newToken();
        row.setStatus(Status.ISSUED.name());
        row.setTokenHash(CallbackTokens.hash(token));
        row.setExpiresAt(opening.expiresIn() == null ? null : now.plus(opening.expiresIn()));
        row.update(PENDING_OPERATION.STATUS, PENDING_OPERATION.TOKEN_HASH, PENDING_OPERATION.EXPIRES_AT);
        return entry(row, callbackPrefix.resolve(token));
    }

    @Override
    public void waiting(UUID tenant, String id) {
        TenantContext.runAs(
                tenant,
                () -> dsl.update(PENDING_OPERATION)
                        .set(PENDING_OPERATION.STATUS, Status.WAITING.name())
                        .where(PENDING_OPERATION.TENANT_ID.eq(tenant))
                        .and(PENDING_OPERATION.ID.eq(UUID.fromString(id)))
                        .and(PENDING_OPERATION.STATUS.eq(Status.ISSUED.name()))
                        .execute());
    }

    @Override
    public void complete(UUID tenant, String id, String resultJson) {
        TenantContext.runAs(tenant, () -> completeAs(tenant, UUID.fromString(id), resultJson, "service"));
    }

    /**
     * Completes the operation unless it already is; in the caller's tenant scope.
     *
     * @return whether this call completed it
     */
    boolean completeAs(UUID tenant, UUID id, String resultJson, String completedBy) {
        return dsl.update(PENDING_OPERATION)
                        .set(PENDING_OPERATION.STATUS, Status.COMPLETED.name())
                        .set(PENDING_OPERATION.RESULT, JSONB.valueOf(resultJson))
                        .set(PENDING_OPERATION.COMPLETED_BY, completedBy)
                        .set(PENDING_OPERATION.COMPLETED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                        .where(PENDING_OPERATION.TENANT_ID.eq(tenant))
                        .and(PENDING_OPERATION.ID.eq(id))
                        .and(PENDING_OPERATION.STATUS.ne(Status.COMPLETED.name()))
                        .execute()
                == 1;
    }

    static Entry entry(PendingOperationRecord row, URI callbackUrl) {
        PendingOperation operation = new PendingOperation(
                row.getId().toString(),
                Capability.valueOf(row.getAction()),
                PendingOperation.Kind.valueOf(row.getKind()),
                row.getExpiresAt() == null ? null : row.getExpiresAt().toInstant());
        return new Entry(
                operation,
                Status.valueOf(row.getStatus()),
                callbackUrl,
                row.getResult() == null ? null : row.getResult().data());
    }

    private static String newToken() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
