package dev.lethe.workflows.request;

import static dev.lethe.catalog.jooq.Tables.REQUEST;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.jooq.tables.records.RequestRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Duplicate requests, and why filing first can't block anyone. A new request is linked to an open one
 * (it follows that one's outcome instead of running twice) only when all of these hold:
 *
 * <ul>
 *   <li>same tenant, same type, and exactly the same identities (equal sets of keyed hashes);
 *   <li>the original is open and not itself linked (links are one level deep);
 *   <li>neither is {@code IDENTITY_UNVERIFIED}: nobody proved they are the subject of a portal
 *       request that waits for verification, so it can't hold up a real one (and an unverified
 *       request never follows a verified one's outcome, which could hand it the subject's data).
 * </ul>
 *
 * And when an original ends {@code DENIED} or {@code CANCELED}, its followers are unlinked and go on on
 * their own: a request filed first and then dropped (or refused) does not take the real subject's
 * request down with it.
 */
final class DuplicateLinks {

    private DuplicateLinks() {}

    /** The open request the new one duplicates, if any; serialised per (tenant, type, identities). */
    static Optional<UUID> originalOf(
            DSLContext tx, UUID tenantId, RequestType type, String[] hashes, RequestStatus initial) {
        long key = (tenantId + "/" + type + "/" + String.join(",", hashes)).hashCode();
        tx.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.val(key)))
                .fetch();
        if (initial == RequestStatus.IDENTITY_UNVERIFIED) {
            return Optional.empty();
        }
        return tx.select(REQUEST.ID)
                .from(REQUEST)
                .where(REQUEST.TENANT_ID.eq(tenantId))
                .and(REQUEST.TYPE.eq(type.name()))
                .and(REQUEST.IDENTITY_HASHES.eq(hashes))
                .and(REQUEST.CLOSED_AT.isNull())
                .and(REQUEST.LINKED_TO.isNull())
                .and(REQUEST.STATUS.ne(RequestStatus.IDENTITY_UNVERIFIED.name()))
                .orderBy(REQUEST.RECEIVED_AT, REQUEST.ID)
                .limit(1)
                .fetchOptional(REQUEST.ID);
    }

    /**
     * The open request a portal request whose identity was just proven duplicates, if any: the same rules
     * as {@link #originalOf} (same type, same identities, open, not linked, not itself waiting for
     * verification), the request itself excepted. Serialised with filings of the same identities. The
     * original is only read: it is neither merged, held nor canceled, so the link cannot delay it.
     */
    static Optional<UUID> originalOfVerified(DSLContext tx, UUID tenantId, RequestRecord request) {
        RequestType type = RequestType.valueOf(request.getType());
        String[] hashes = request.getIdentityHashes();
        long key = (tenantId + "/" + type + "/" + String.join(",", hashes)).hashCode();
        tx.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.val(key)))
                .fetch();
        return tx.select(REQUEST.ID)
                .from(REQUEST)
                .where(REQUEST.TENANT_ID.eq(tenantId))
                .and(REQUEST.TYPE.eq(type.name()))
                .and(REQUEST.IDENTITY_HASHES.eq(hashes))
                .and(REQUEST.CLOSED_AT.isNull())
                .and(REQUEST.LINKED_TO.isNull())
                .and(REQUEST.STATUS.ne(RequestStatus.IDENTITY_UNVERIFIED.name()))
                .and(REQUEST.ID.ne(request.getId()))
                .orderBy(REQUEST.RECEIVED_AT, REQUEST.ID)
                .limit(1)
                .fetchOptional(REQUEST.ID);
    }

    /**
     * When {@code original} has just ended DENIED or CANCELED: unlinks its followers, each with a
     * timeline and audit entry, and returns them (their workflows must be told).
     */
    static List<UUID> releaseFollowers(
            RequestRows rows, DSLContext tx, UUID tenantId, UUID original, RequestStatus outcome, Actor actor) {
        if (outcome != RequestStatus.DENIED && outcome != RequestStatus.CANCELED) {
            return List.of();
        }
        List<UUID> followers = tx.update(REQUEST)
                .set(REQUEST.LINKED_TO, (UUID) null)
                .set(REQUEST.REVISION, REQUEST.REVISION.plus(1))
                .where(REQUEST.TENANT_ID.eq(tenantId))
                .and(REQUEST.LINKED_TO.eq(original))
                .returning(REQUEST.ID)
                .fetch(REQUEST.ID);
        for (UUID follower : followers) {
            rows.record(
                    tx,
                    tenantId,
                    follower,
                    actor,
                    "request.unlinked",
                    Map.of("original", original.toString(), "outcome", outcome.name()),
                    null);
        }
        return followers;
    }

    /**
     * The duplicates a request that just completed answers: woken now, so that they close with it
     * rather than at their workflow's next recheck (hours later).
     */
    static List<UUID> answeredFollowers(DSLContext tx, UUID tenantId, UUID original, RequestStatus outcome) {
        if (outcome != RequestStatus.COMPLETED && outcome != RequestStatus.COMPLETED_WITH_EXCEPTIONS) {
            return List.of();
        }
        return tx.select(REQUEST.ID)
                .from(REQUEST)
                .where(REQUEST.TENANT_ID.eq(tenantId))
                .and(REQUEST.LINKED_TO.eq(original))
                .fetch(REQUEST.ID);
    }

    static String[] sorted(java.util.Collection<String> hashes) {
        String[] sorted = hashes.toArray(String[]::new);
        Arrays.sort(sorted);
        return sorted;
    }
}
