package dev.lethe.vault;

import dev.lethe.vault.keys.KeyCursor;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Online KEK rotation: {@link #rotate()} makes a new KEK version primary, {@link #rewrapBatch} re-wraps
 * stored keys under it page by page while tokenization and detokenization go on, {@link #retireUnused()}
 * retires old versions once nothing uses them. The steps are separate so that a durable workflow can
 * drive them and resume after a crash; {@link #rotateNow(int)} runs them all. Thread-safe, but one
 * rotation at a time is intended.
 */
public interface KekRotation {

    /** Creates a new KEK version, makes it primary and drops all cached unwrapped keys. */
    int rotate();

    /**
     * Re-wraps up to {@code batchSize} keys not wrapped under the primary version, after {@code after}
     * (null: from the start). Idempotent and safe to resume.
     */
    RewrapProgress rewrapBatch(KeyCursor after, int batchSize);

    /**
     * Retires the non-primary KEK versions that neither a stored key nor a key reported through {@link
     * VaultBuilder#kekVersionsUsedElsewhere} uses, as far as the KMS can without retiring a used one
     * ({@link dev.lethe.vault.kms.Kms#retirableVersions}): with Vault transit, which retires every version
     * below a minimum, an unused version stays active while an older one is still used. Returns the
     * versions retired.
     */
    SortedSet<Integer> retireUnused();

    /** Rotates, re-wraps everything in batches of {@code batchSize}, then retires what is unused. */
    RotationReport rotateNow(int batchSize);

    /**
     * One page of re-wrapping.
     *
     * @param rewrapped keys re-wrapped by this call
     * @param skipped keys shredded or re-wrapped by someone else meanwhile
     * @param next where to continue, or empty when the end was reached
     */
    record RewrapProgress(int rewrapped, int skipped, Optional<KeyCursor> next) {}

    /**
     * A finished rotation.
     *
     * @param newVersion the new primary KEK version
     * @param rewrapped keys re-wrapped
     * @param batches pages processed
     * @param retired versions retired
     */
    record RotationReport(int newVersion, long rewrapped, int batches, SortedSet<Integer> retired) {}
}
