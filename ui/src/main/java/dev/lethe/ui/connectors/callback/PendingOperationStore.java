package dev.lethe.ui.connectors.callback;

import static dev.lethe.catalog.jooq.Tables.PENDING_OPERATION;

import dev.lethe.catalog.jooq.tables.records.PendingOperationRecord;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.PendingOperation;
import dev.lethe.connectors.spi.PendingOperations;
import dev.lethe.vault.kms.Sealing;
import dev.lethe.vault.kms.WrappedDek;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link PendingOperations} in PostgreSQL ({@code pending_operation}, V14), each call as the
 * operation's tenant under row-level security. A callback token is 256 random bits, shown once in
 * the URL it is issued in; only its SHA-256 is stored. A service's result may hold a data subject's
 * records, so it is stored only sealed ({@link Sealing}, tenant and id as associated data) and opened
 * when the retried operation collects it; a manual task's note, a person's words, is kept as text.
 * Thread-safe: each call is one transaction, and the row is locked while a token is issued.
 */
public final class PendingOperationStore implements PendingOperations {

    /** The associated-data label of sealed results. */
    public static final String RESULT_LABEL = "lethe-pending-result/v1";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DSLContext dsl;
    private final URI callbackPrefix;
    private final Sealing results;
    private final PendingCompletions completions;

    public PendingOperationStore(DSLContext dsl, URI callbackPrefix, Sealing results, PendingCompletions completions) {
        this.dsl = dsl;
        this.callbackPrefix = callbackPrefix;
        this.results = results;
        this.completions = completions;
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
     * Completes the operation with a service's result, sealed, unless it is already completed; in the
     * caller's tenant scope.
     *
     * @return whether this call completed it
     */
    boolean completeAs(UUID tenant, UUID id, String resultJson, String completedBy) {
        byte[] plaintext = resultJson.getBytes(StandardCharsets.UTF_8);
        Sealing.SealedBox sealed;
        try {
            sealed = results.seal(tenant, id, plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        return notified(
                tenant,
                dsl.update(PENDING_OPERATION)
                        .set(PENDING_OPERATION.STATUS, Status.COMPLETED.name())
                        .set(PENDING_OPERATION.RESULT, sealed.ciphertext())
                        .set(PENDING_OPERATION.RESULT_DEK, sealed.dataKey().ciphertext())
                        .set(PENDING_OPERATION.KEK_VERSION, sealed.dataKey().kekVersion())
                        .set(PENDING_OPERATION.COMPLETED_BY, completedBy)
                        .set(PENDING_OPERATION.COMPLETED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                        .where(PENDING_OPERATION.TENANT_ID.eq(tenant))
                        .and(PENDING_OPERATION.ID.eq(id))
                        .and(PENDING_OPERATION.STATUS.ne(Status.COMPLETED.name()))
                        .returning(PENDING_OPERATION.OPERATION_ID)
                        .fetchOptional());
    }

    /**
     * Clears a kept result (result, wrapped data key, KEK version) whose operation ended before it could
     * be collected; the row stays {@code COMPLETED}, so its token stays refused. In the caller's tenant scope.
     */
    void discardAs(UUID tenant, UUID id) {
        dsl.update(PENDING_OPERATION)
                .set(PENDING_OPERATION.RESULT, (byte[]) null)
                .set(PENDING_OPERATION.RESULT_DEK, (byte[]) null)
                .set(PENDING_OPERATION.KEK_VERSION, (Integer) null)
                .where(PENDING_OPERATION.TENANT_ID.eq(tenant))
                .and(PENDING_OPERATION.ID.eq(id))
                .execute();
    }

    /** Tells the waiting operation, if this call completed the pending one (a record came back). */
    private boolean notified(UUID tenant, java.util.Optional<PendingOperationRecord> completed) {
        completed.ifPresent(row -> completions.completed(tenant, row.getOperationId()));
        return completed.isPresent();
    }

    /**
     * Completes a manual task with the person's note unless it is already completed; in the caller's
     * tenant scope.
     *
     * @return whether this call completed it
     */
    boolean completeTaskAs(UUID tenant, UUID id, String note, String completedBy) {
        return notified(
                tenant,
                dsl.update(PENDING_OPERATION)
                        .set(PENDING_OPERATION.STATUS, Status.COMPLETED.name())
                        .set(PENDING_OPERATION.NOTE, note)
                        .set(PENDING_OPERATION.COMPLETED_BY, completedBy)
                        .set(PENDING_OPERATION.COMPLETED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                        .where(PENDING_OPERATION.TENANT_ID.eq(tenant))
                        .and(PENDING_OPERATION.ID.eq(id))
                        .and(PENDING_OPERATION.STATUS.ne(Status.COMPLETED.name()))
                        .returning(PENDING_OPERATION.OPERATION_ID)
                        .fetchOptional());
    }

    private Entry entry(PendingOperationRecord row, URI callbackUrl) {
        PendingOperation operation = new PendingOperation(
                row.getId().toString(),
                Capability.valueOf(row.getAction()),
                PendingOperation.Kind.valueOf(row.getKind()),
                row.getExpiresAt() == null ? null : row.getExpiresAt().toInstant());
        return new Entry(operation, Status.valueOf(row.getStatus()), callbackUrl, resultJson(row));
    }

    /** What the operation was answered: the unsealed result, or a manual task's {@code {"note": …}}. */
    private String resultJson(PendingOperationRecord row) {
        if (row.getResult() != null) {
            byte[] plaintext = results.open(
                    row.getTenantId(),
                    row.getId(),
                    new Sealing.SealedBox(row.getResult(), new WrappedDek(row.getKekVersion(), row.getResultDek())));
            try {
                return new String(plaintext, StandardCharsets.UTF_8);
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
        return row.getNote() == null
                ? null
                : JSON.createObjectNode().put("note", row.getNote()).toString();
    }

    private static String newToken() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
