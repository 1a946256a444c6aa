package dev.lethe.vault.internal;

import dev.lethe.vault.KekRotation;
import dev.lethe.vault.keys.KeyCursor;
import dev.lethe.vault.keys.KeyRepository;
import dev.lethe.vault.keys.WrappedKey;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.WrappedDek;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Online KEK rotation. Nothing here blocks tokenization: cached keys stay usable, keys created meanwhile
 * are wrapped under the new version, and each stored key is replaced by compare-and-set, so a key
 * shredded or re-wrapped concurrently is simply skipped.
 */
final class Rotation implements KekRotation {
    /** Sweeps after the first that {@link #rotateNow} makes to catch keys created during a sweep. */
    private static final int EXTRA_SWEEPS = 2;

    private final Kms kms;
    private final KeyRepository repository;
    private final KeyRing keys;
    private final Supplier<Set<Integer>> usedElsewhere;

    Rotation(Kms kms, KeyRepository repository, KeyRing keys, Supplier<Set<Integer>> usedElsewhere) {
        this.kms = kms;
        this.repository = repository;
        this.keys = keys;
        this.usedElsewhere = usedElsewhere;
    }

    @Override
    public int rotate() {
        int version = kms.rotate();
        keys.clearCaches();
        return version;
    }

    @Override
    public RewrapProgress rewrapBatch(KeyCursor after, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        int primary = kms.primaryVersion();
        List<WrappedKey> page = repository.findWrappedWithOtherVersion(primary, after, batchSize);
        int rewrapped = 0;
        for (WrappedKey key : page) {
            byte[] associatedData = KeyWrapping.associatedData(key.tenant(), key.keyId());
            WrappedDek fresh = kms.rewrap(new WrappedDek(key.kekVersion(), key.wrapped()), associatedData);
            if (repository.replaceWrapping(
                    key.tenant(), key.keyId(), key.kekVersion(), fresh.kekVersion(), fresh.ciphertext())) {
                rewrapped++;
            }
        }
        Optional<KeyCursor> next =
                page.size() < batchSize ? Optional.empty() : Optional.of(KeyCursor.of(page.getLast()));
        return new RewrapProgress(rewrapped, page.size() - rewrapped, next);
    }

    @Override
    public SortedSet<Integer> retireUnused() {
        Set<Integer> used = new HashSet<>(repository.countByKekVersion().keySet());
        used.addAll(usedElsewhere.get());
        // The KMS says what can go without taking a used version along (Vault transit retires below a
        // minimum only); oldest first, as such a KMS requires.
        SortedSet<Integer> retired = new TreeSet<>();
        for (int version : kms.retirableVersions(used)) {
            kms.retire(version);
            retired.add(version);
        }
        return retired;
    }

    @Override
    public RotationReport rotateNow(int batchSize) {
        int version = rotate();
        long rewrapped = 0;
        int batches = 0;
        for (int sweep = 0; sweep <= EXTRA_SWEEPS; sweep++) {
            Optional<KeyCursor> cursor = Optional.empty();
            long before = rewrapped;
            do {
                RewrapProgress progress = rewrapBatch(cursor.orElse(null), batchSize);
                rewrapped += progress.rewrapped();
                batches++;
                cursor = progress.next();
            } while (cursor.isPresent());
            if (sweep > 0 && rewrapped == before) {
                break;
            }
        }
        return new RotationReport(version, rewrapped, batches, retireUnused());
    }
}
