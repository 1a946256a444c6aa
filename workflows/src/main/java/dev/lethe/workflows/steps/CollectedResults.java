package dev.lethe.workflows.steps;

import static dev.lethe.catalog.jooq.Tables.PENDING_OPERATION;

import dev.lethe.workflows.run.RequestRef;
import org.jooq.DSLContext;

/**
 * The results systems sent back for a request (a webhook's callback or answer), kept sealed in {@code
 * pending_operation} until the request collected them: cleared once it needs them no more, so that a
 * subject's records do not outlive their request there, even sealed. The row stays {@code COMPLETED}
 * (a used callback token stays refused); only the result, its wrapped data key and its KEK version go.
 * Runs as the request's tenant (row-level security).
 */
final class CollectedResults {

    private final DSLContext dsl;

    CollectedResults(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Clears the request's kept results; idempotent. Answers how many this call cleared. */
    int release(RequestRef ref) {
        return dsl.update(PENDING_OPERATION)
                .set(PENDING_OPERATION.RESULT, (byte[]) null)
                .set(PENDING_OPERATION.RESULT_DEK, (byte[]) null)
                .set(PENDING_OPERATION.KEK_VERSION, (Integer) null)
                .where(PENDING_OPERATION.TENANT_ID.eq(ref.tenantId()))
                .and(PENDING_OPERATION.OPERATION_ID.eq(RequestOperations.operationId(ref.requestId())))
                .and(PENDING_OPERATION.RESULT.isNotNull())
                .execute();
    }
}
