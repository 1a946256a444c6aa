package dev.lethe.vault.internal;

import dev.lethe.vault.keys.KeyId;
import dev.lethe.vault.keys.KeyRepository;
import dev.lethe.vault.keys.KeyScope;
import dev.lethe.vault.keys.ShredRecord;
import dev.lethe.vault.keys.SubjectHash;
import dev.lethe.vault.keys.WrappedKey;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.KmsException;
import dev.lethe.vault.kms.WrappedDek;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The vault's data keys: tenant keys and subject keys, created on first use (race-free through {@link
 * KeyRepository#insertIfAbsent}), unwrapped through the KMS and cached.
 */
final class KeyRing {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_REWRAP_RACES = 3;

    private final KeyRepository repository;
    private final Kms kms;
    private final Clock clock;
    private final KeyCache<String, DataKey> tenantKeys;
    private final KeyCache<SubjectRef, DataKey> subjectKeys;
    private final KeyCache<KeyRef, DataKey> keysById;

    record SubjectRef(String tenant, SubjectHash subject) {}

    record KeyRef(String tenant, KeyId keyId) {}

    /** A key looked up by id: found, or destroyed (with the record), or unknown. */
    record Lookup(Optional<DataKey> key, Optional<ShredRecord> shred) {}

    KeyRing(KeyRepository repository, Kms kms, Clock clock, CacheSettings cache) {
        this.repository = repository;
        this.kms = kms;
        this.clock = clock;
        this.tenantKeys = cache.newCache();
        this.subjectKeys = cache.newCache();
        this.keysById = cache.newCache();
    }

    DataKey tenantKey(String tenant) {
        return tenantKeys.get(tenant, t -> loadOrCreate(t, null));
    }

    SubjectHash subjectHash(String tenant, String subject) {
        try {
            byte[] mac = tenantKey(tenant).subjectHash().compute(subject.getBytes(StandardCharsets.UTF_8), 32);
            return SubjectHash.fromBytes(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash a subject id", e);
        }
    }

    /** The subject's key, created if the subject has none (first use, or after a shred). */
    DataKey subjectKey(String tenant, SubjectHash subject) {
        return subjectKeys.get(new SubjectRef(tenant, subject), ref -> loadOrCreate(tenant, subject));
    }

    /** The key a token names; never creates one. */
    Lookup keyById(String tenant, KeyId keyId) {
        KeyRef ref = new KeyRef(tenant, keyId);
        DataKey cached = keysById.peek(ref);
        if (cached != null) {
            return new Lookup(Optional.of(cached), Optional.empty());
        }
        Optional<WrappedKey> stored = repository.findByKeyId(tenant, keyId);
        if (stored.isEmpty()) {
            return new Lookup(Optional.empty(), repository.findShred(tenant, keyId));
        }
        return new Lookup(Optional.of(keysById.get(ref, r -> unwrap(stored.get()))), Optional.empty());
    }

    /** The subject's current key if it has one; never creates one. */
    Lookup existingSubjectKey(String tenant, SubjectHash subject) {
        SubjectRef ref = new SubjectRef(tenant, subject);
        DataKey cached = subjectKeys.peek(ref);
        if (cached != null) {
            return new Lookup(Optional.of(cached), Optional.empty());
        }
        Optional<WrappedKey> stored = repository.findSubjectKey(tenant, subject);
        if (stored.isEmpty()) {
            List<ShredRecord> shreds = repository.findShreds(tenant, subject);
            return new Lookup(Optional.empty(), shreds.stream().reduce((first, second) -> second));
        }
        return new Lookup(Optional.of(subjectKeys.get(ref, r -> unwrap(stored.get()))), Optional.empty());
    }

    /** Drops every cached copy of the subject's key (and of {@code shreddedKey}, if known). */
    void evict(String tenant, SubjectHash subject, Optional<KeyId> shreddedKey) {
        SubjectRef ref = new SubjectRef(tenant, subject);
        DataKey cached = subjectKeys.peek(ref);
        subjectKeys.invalidate(ref);
        if (cached != null) {
            keysById.invalidate(new KeyRef(tenant, cached.keyId()));
        }
        shreddedKey.ifPresent(id -> keysById.invalidate(new KeyRef(tenant, id)));
    }

    void clearCaches() {
        tenantKeys.clear();
        subjectKeys.clear();
        keysById.clear();
    }

    private DataKey loadOrCreate(String tenant, SubjectHash subject) {
        Optional<WrappedKey> stored =
                subject == null ? repository.findTenantKey(tenant) : repository.findSubjectKey(tenant, subject);
        if (stored.isPresent()) {
            return unwrap(stored.get());
        }
        byte[] seed = new byte[DataKey.SEED_BYTES];
        RANDOM.nextBytes(seed);
        try {
            KeyId keyId = KeyId.random();
            WrappedDek wrapped = kms.wrap(seed, KeyWrapping.associatedData(tenant, keyId));
            KeyScope scope = subject == null ? KeyScope.TENANT : KeyScope.SUBJECT;
            WrappedKey candidate = new WrappedKey(
                    tenant, keyId, scope, subject, wrapped.kekVersion(), wrapped.ciphertext(), clock.instant());
            WrappedKey winner = repository.insertIfAbsent(candidate);
            // Losing the race is normal: someone else created the key first, and theirs is the one.
            return winner.keyId().equals(keyId) ? DataKey.derive(keyId, seed) : unwrap(winner);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Unwraps a stored key. A KEK rotation may re-wrap the key under a new version and retire the one we
     * read between our read and the KMS call; then the store holds the key under a newer version, and that
     * copy is the one to unwrap. Any other failure stands.
     */
    private DataKey unwrap(WrappedKey stored) {
        WrappedKey attempt = stored;
        for (int tries = 1; ; tries++) {
            try {
                return unwrapOnce(attempt);
            } catch (KmsException e) {
                Optional<WrappedKey> current = repository.findByKeyId(attempt.tenant(), attempt.keyId());
                if (tries >= MAX_REWRAP_RACES
                        || current.isEmpty()
                        || current.get().kekVersion() == attempt.kekVersion()) {
                    throw e;
                }
                attempt = current.get();
            }
        }
    }

    private DataKey unwrapOnce(WrappedKey stored) {
        byte[] seed = kms.unwrap(
                new WrappedDek(stored.kekVersion(), stored.wrapped()),
                KeyWrapping.associatedData(stored.tenant(), stored.keyId()));
        try {
            return DataKey.derive(stored.keyId(), seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
