package dev.lethe.vault;

import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.internal.CacheSettings;
import dev.lethe.vault.internal.DefaultVault;
import dev.lethe.vault.keys.KeyRepository;
import dev.lethe.vault.kms.Kms;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Builds a {@link Vault}. KMS, key repository and audit are required; the rest has defaults that match
 * the proposed {@code lethe.vault.*} properties (see the module README).
 */
public final class VaultBuilder {
    private Kms kms;
    private KeyRepository repository;
    private VaultAudit audit;
    private CategoryCatalog catalog = CategoryCatalog.defaults();
    private int cacheMaxKeys = 100_000;
    private Duration cacheMaxAge = Duration.ofMinutes(5);
    private LongSupplier nanoTime = System::nanoTime;
    private Clock clock = Clock.systemUTC();
    private int maxValueLength = 4096;
    private int maxBatch = 1000;
    private Supplier<Set<Integer>> kekVersionsUsedElsewhere = Set::of;

    public VaultBuilder kms(Kms kms) {
        this.kms = kms;
        return this;
    }

    public VaultBuilder keyRepository(KeyRepository repository) {
        this.repository = repository;
        return this;
    }

    public VaultBuilder audit(VaultAudit audit) {
        this.audit = audit;
        return this;
    }

    public VaultBuilder categories(CategoryCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        return this;
    }

    /** {@code lethe.vault.cache.max-keys}: unwrapped keys kept per cache (default 100,000). */
    public VaultBuilder cacheMaxKeys(int maxKeys) {
        this.cacheMaxKeys = positive(maxKeys, "lethe.vault.cache.max-keys");
        return this;
    }

    /** {@code lethe.vault.cache.max-age}: how long an unwrapped key is reused (default 5 minutes). */
    public VaultBuilder cacheMaxAge(Duration maxAge) {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("lethe.vault.cache.max-age must be positive");
        }
        this.cacheMaxAge = maxAge;
        return this;
    }

    /** The time source for cache ages; for tests. */
    public VaultBuilder nanoTime(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        return this;
    }

    /** The clock for audit and shred timestamps. */
    public VaultBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** {@code lethe.vault.max-value-length}: longest value accepted, in chars (default 4096). */
    public VaultBuilder maxValueLength(int maxValueLength) {
        this.maxValueLength = positive(maxValueLength, "lethe.vault.max-value-length");
        return this;
    }

    /** {@code lethe.vault.max-batch}: most tokens per detokenization call (default 1000). */
    public VaultBuilder maxBatch(int maxBatch) {
        this.maxBatch = positive(maxBatch, "lethe.vault.max-batch");
        return this;
    }

    /**
     * KEK versions that wrap keys stored outside this vault's {@link KeyRepository} (another component
     * sharing the KMS, e.g. the audit chain's signing key). {@link KekRotation#retireUnused()} never retires
     * them, nor (with a KMS that retires only below a minimum, Vault transit) any version newer than them.
     * Called at each retirement; must be thread-safe and return a non-null set.
     */
    public VaultBuilder kekVersionsUsedElsewhere(Supplier<Set<Integer>> versions) {
        this.kekVersionsUsedElsewhere = Objects.requireNonNull(versions, "versions");
        return this;
    }

    public Vault build() {
        Objects.requireNonNull(kms, "a KMS is required");
        Objects.requireNonNull(repository, "a key repository is required");
        Objects.requireNonNull(audit, "an audit sink is required");
        CacheSettings cache = new CacheSettings(cacheMaxKeys, cacheMaxAge, nanoTime);
        return new DefaultVault(
                kms, repository, audit, catalog, cache, clock, maxValueLength, maxBatch, kekVersionsUsedElsewhere);
    }

    private static int positive(int value, String property) {
        if (value < 1) {
            throw new IllegalArgumentException(property + " must be positive");
        }
        return value;
    }
}
