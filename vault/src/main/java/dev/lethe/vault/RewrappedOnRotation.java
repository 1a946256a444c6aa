package dev.lethe.vault;

/**
 * A store of keys wrapped by the vault's KMS outside the vault's own key table that re-wraps them as
 * part of a KEK rotation ({@code POST /api/v1/vault/kek/rotate}): after the vault's own keys, before
 * unused versions are retired, so its old version can go in the same rotation. Until then it reports
 * the versions it still uses ({@link KekVersionsInUse}). Implementations must be thread-safe and
 * idempotent (a rotation that failed half-way is run again).
 */
public interface RewrappedOnRotation extends KekVersionsInUse {

    /**
     * Re-wraps every key not under the KMS's primary version, in pages of {@code batchSize}; runs as the
     * platform (every tenant's keys). Returns how many keys were re-wrapped.
     */
    long rewrapUnderPrimary(int batchSize);
}
