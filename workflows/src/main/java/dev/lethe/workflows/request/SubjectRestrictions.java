package dev.lethe.workflows.request;

import static dev.lethe.catalog.jooq.Tables.REQUEST;
import static dev.lethe.catalog.jooq.Tables.SUBJECT_OBJECTION;
import static dev.lethe.catalog.jooq.Tables.SUBJECT_RESTRICTION;

import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The restrictions (Art. 18) and objections (Art. 21) that requests have recorded for their subjects,
 * by the keyed hashes of the subject's identities ({@link IdentityHashes}): a processing flow asks
 * whether a subject it holds is restricted, or objected to its purpose, without Lethe keeping an
 * identifier. One record per request; recording again changes nothing. Audited as {@code
 * request.restriction_recorded}, {@code request.restriction_lifted} and {@code request.objection_recorded}.
 * Thread-safe.
 */
public final class SubjectRestrictions {

    private final DSLContext dsl;
    private final AuditTrail trail;

    public SubjectRestrictions(DSLContext dsl, AuditTrail trail) {
        this.dsl = dsl;
        this.trail = trail;
    }

    /** Records that the request's subject is restricted, until lifted. */
    public void restrict(UUID tenantId, UUID requestId) {
        restrict(tenantId, requestId, Set.of());
    }

    /** The same, with the subject's identities hashed as ingest hashes a stream's subject field (see {@link #object}). */
    public void restrict(UUID tenantId, UUID requestId, Collection<String> streamHashes) {
        dsl.transaction(configuration -> {
            DSLContext tx = DSL.using(configuration);
            int rows = tx.insertInto(SUBJECT_RESTRICTION)
                    .set(SUBJECT_RESTRICTION.TENANT_ID, tenantId)
                    .set(SUBJECT_RESTRICTION.REQUEST_ID, requestId)
                    .set(SUBJECT_RESTRICTION.SUBJECT_HASHES, hashes(tx, tenantId, requestId))
                    .set(SUBJECT_RESTRICTION.STREAM_HASHES, new TreeSet<>(streamHashes).toArray(String[]::new))
                    .onConflictDoNothing()
                    .execute();
            if (rows > 0) {
                audit(tenantId, requestId, "request.restriction_recorded", Map.of());
            }
        });
    }

    /** Lifts the restriction the request recorded (the subject, or the officer, ended it). */
    public void lift(UUID tenantId, UUID requestId) {
        dsl.transaction(configuration -> {
            int rows = DSL.using(configuration)
                    .update(SUBJECT_RESTRICTION)
                    .set(SUBJECT_RESTRICTION.LIFTED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                    .where(SUBJECT_RESTRICTION.TENANT_ID.eq(tenantId))
                    .and(SUBJECT_RESTRICTION.REQUEST_ID.eq(requestId))
                    .and(SUBJECT_RESTRICTION.LIFTED_AT.isNull())
                    .execute();
            if (rows > 0) {
                audit(tenantId, requestId, "request.restriction_lifted", Map.of());
            }
        });
    }

    /** Records the subject's objection to {@code purpose} (a catalog purpose code, from the request's sealed subject). */
    public void object(UUID tenantId, UUID requestId, String purpose) {
        object(tenantId, requestId, purpose, Set.of());
    }

    /**
     * The same, with the subject's identities hashed as ingest hashes a stream's subject field, so that
     * ingest marks the subject's protected records with the purpose.
     */
    public void object(UUID tenantId, UUID requestId, String purpose, Collection<String> streamHashes) {
        if (purpose == null || purpose.isBlank()) {
            throw new InvalidInputException("an objection names a purpose");
        }
        dsl.transaction(configuration -> {
            DSLContext tx = DSL.using(configuration);
            int rows = tx.insertInto(SUBJECT_OBJECTION)
                    .set(SUBJECT_OBJECTION.TENANT_ID, tenantId)
                    .set(SUBJECT_OBJECTION.REQUEST_ID, requestId)
                    .set(SUBJECT_OBJECTION.SUBJECT_HASHES, hashes(tx, tenantId, requestId))
                    .set(SUBJECT_OBJECTION.PURPOSE, purpose.strip())
                    .set(SUBJECT_OBJECTION.STREAM_HASHES, new TreeSet<>(streamHashes).toArray(String[]::new))
                    .onConflictDoNothing()
                    .execute();
            if (rows > 0) {
                audit(tenantId, requestId, "request.objection_recorded", Map.of("purpose", purpose.strip()));
            }
        });
    }

    /** Whether any of the subject's identity hashes is under a restriction not lifted. */
    public boolean restricted(UUID tenantId, Collection<String> subjectHashes) {
        return dsl.fetchExists(dsl.selectOne()
                .from(SUBJECT_RESTRICTION)
                .where(SUBJECT_RESTRICTION.TENANT_ID.eq(tenantId))
                .and(SUBJECT_RESTRICTION.LIFTED_AT.isNull())
                .and(DSL.condition(
                        "{0} && {1}",
                        SUBJECT_RESTRICTION.SUBJECT_HASHES,
                        DSL.val(subjectHashes.toArray(String[]::new), SUBJECT_RESTRICTION.SUBJECT_HASHES))));
    }

    /** The purposes the subject (any of its identity hashes) objected to. */
    public Set<String> objectedPurposes(UUID tenantId, Collection<String> subjectHashes) {
        return new TreeSet<>(dsl.selectDistinct(SUBJECT_OBJECTION.PURPOSE)
                .from(SUBJECT_OBJECTION)
                .where(SUBJECT_OBJECTION.TENANT_ID.eq(tenantId))
                .and(DSL.condition(
                        "{0} && {1}",
                        SUBJECT_OBJECTION.SUBJECT_HASHES,
                        DSL.val(subjectHashes.toArray(String[]::new), SUBJECT_OBJECTION.SUBJECT_HASHES)))
                .fetch(SUBJECT_OBJECTION.PURPOSE));
    }

    private static String[] hashes(DSLContext tx, UUID tenantId, UUID requestId) {
        return tx.select(REQUEST.IDENTITY_HASHES)
                .from(REQUEST)
                .where(REQUEST.TENANT_ID.eq(tenantId))
                .and(REQUEST.ID.eq(requestId))
                .fetchOptional(REQUEST.IDENTITY_HASHES)
                .orElseThrow(() -> new NotFoundException("request " + requestId));
    }

    private void audit(UUID tenantId, UUID requestId, String action, Map<String, String> details) {
        trail.append(new AuditEvent(tenantId, RequestStore.WORKFLOW, action, "request:" + requestId, details));
    }
}
