package dev.lethe.workflows.steps;

import static dev.lethe.catalog.jooq.Tables.SUBJECT_OBJECTION;
import static dev.lethe.catalog.jooq.Tables.SUBJECT_RESTRICTION;

import java.util.Collection;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Restrictions (Art. 18) and objections (Art. 21) recorded for a subject, by the keyed hashes of its
 * identities: one record per request, so recording again changes nothing. Callers set the tenant.
 */
final class SubjectMarks {

    private final DSLContext dsl;

    SubjectMarks(DSLContext dsl) {
        this.dsl = dsl;
    }

    void restrict(UUID tenantId, UUID requestId, Collection<String> subjectHashes) {
        dsl.insertInto(SUBJECT_RESTRICTION)
                .set(SUBJECT_RESTRICTION.TENANT_ID, tenantId)
                .set(SUBJECT_RESTRICTION.REQUEST_ID, requestId)
                .set(SUBJECT_RESTRICTION.SUBJECT_HASHES, subjectHashes.toArray(String[]::new))
                .onConflictDoNothing()
                .execute();
    }

    void object(UUID tenantId, UUID requestId, Collection<String> subjectHashes, String purpose) {
        dsl.insertInto(SUBJECT_OBJECTION)
                .set(SUBJECT_OBJECTION.TENANT_ID, tenantId)
                .set(SUBJECT_OBJECTION.REQUEST_ID, requestId)
                .set(SUBJECT_OBJECTION.SUBJECT_HASHES, subjectHashes.toArray(String[]::new))
                .set(SUBJECT_OBJECTION.PURPOSE, purpose)
                .onConflictDoNothing()
                .execute();
    }
}
