package dev.lethe.vault.keys;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Storage of wrapped data keys and of shred records: the vault's only persistence seam.
 *
 * <p>General contract for implementations (the in-memory one in tests, PostgreSQL in production):
 *
 * <ul>
 *   <li>Thread-safe: every method may be called concurrently from many threads and, for a shared
 *       database, from many processes.
 *   <li>No argument may be null unless its documentation says so; implementations may throw {@link
 *       NullPointerException} otherwise. Results are never null.
 *   <li>Each method is atomic on its own; no method needs a surrounding transaction.
 *   <li>Key material is never stored unwrapped: {@link WrappedKey#wrapped()} is opaque KMS ciphertext.
 *   <li>Subject identifiers never reach the repository; only {@link SubjectHash}es do.
 *   <li>Failures of the store are reported as unchecked exceptions; the vault does not retry them.
 * </ul>
 *
 * <p>Uniqueness the store must enforce: one key per {@code (tenant, keyId)}; at most one {@link
 * KeyScope#TENANT} key per tenant; at most one {@link KeyScope#SUBJECT} key per {@code (tenant,
 * subjectHash)}.
 */
public interface KeyRepository {

    /** The tenant's key, if one was created. */
    Optional<WrappedKey> findTenantKey(String tenant);

    /** The subject's current key, if it has one (none before first use and after a shred). */
    Optional<WrappedKey> findSubjectKey(String tenant, SubjectHash subject);

    /** A key by id, of either scope; empty for unknown ids and for shredded keys. */
    Optional<WrappedKey> findByKeyId(String tenant, KeyId keyId);

    /**
     * Stores {@code candidate} unless a key for the same owner (tenant key of its tenant, or the
     * subject key of its {@code (tenant, subjectHash)}) already exists, and returns the key that is
     * stored afterwards: {@code candidate} if it won, else the existing one, unchanged.
     *
     * <p>Race-free: when several callers race with different candidates for the same owner, all of them
     * get the same winner back and exactly one key is stored. PostgreSQL: {@code INSERT ... ON CONFLICT
     * DO NOTHING RETURNING ...}, then a {@code SELECT} of the winner when nothing was returned.
     * Idempotent: storing the same candidate twice returns it both times.
     */
    WrappedKey insertIfAbsent(WrappedKey candidate);

    /**
     * Atomically deletes the subject's current key and records the deletion, in one transaction. Returns
     * the new record, or empty when the subject has no key (never had one, or it is already shredded),
     * in which case nothing is written. After it returns, no method returns the deleted key again.
     *
     * <p>Idempotent: a second call for the same subject returns empty. Concurrent calls for one subject
     * yield at most one record.
     */
    Optional<ShredRecord> shredSubjectKey(
            String tenant, SubjectHash subject, Instant at, String actor, String requestId);

    /** The shred record of a destroyed key, if that key was shredded. */
    Optional<ShredRecord> findShred(String tenant, KeyId keyId);

    /** Every shred record of a subject, oldest first (a subject can be erased, reappear, and be erased again). */
    List<ShredRecord> findShreds(String tenant, SubjectHash subject);

    /**
     * A page of keys, across all tenants, whose {@code kekVersion} differs from {@code kekVersion}, in
     * ascending {@code (tenant, keyId)} order (binary, i.e. {@code COLLATE "C"}), strictly after {@code
     * after} (null: from the start), at most {@code limit} of them. Used to re-wrap keys online; it must
     * not lock rows for longer than the query.
     */
    List<WrappedKey> findWrappedWithOtherVersion(int kekVersion, KeyCursor after, int limit);

    /**
     * Replaces the wrapping of one key if, and only if, it is still wrapped under {@code
     * expectedKekVersion} (compare-and-set). Returns false when the key is gone (shredded meanwhile) or
     * was re-wrapped by someone else; the caller then just moves on.
     */
    boolean replaceWrapping(String tenant, KeyId keyId, int expectedKekVersion, int newKekVersion, byte[] wrapped);

    /** How many stored keys each KEK version wraps; versions that wrap nothing are absent. */
    Map<Integer, Long> countByKekVersion();
}
