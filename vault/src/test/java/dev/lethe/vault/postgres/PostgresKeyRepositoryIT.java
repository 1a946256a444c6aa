package dev.lethe.vault.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.vault.keys.KeyCursor;
import dev.lethe.vault.keys.KeyId;
import dev.lethe.vault.keys.KeyScope;
import dev.lethe.vault.keys.ShredRecord;
import dev.lethe.vault.keys.SubjectHash;
import dev.lethe.vault.keys.WrappedKey;
import dev.lethe.vault.support.MigratedDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link dev.lethe.vault.keys.KeyRepository} contract on the real PostgreSQL, migrated by Flyway. */
@ExtendWith(LocalServicesExtension.class)
class PostgresKeyRepositoryIT {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static DSLContext dsl;
    PostgresKeyRepository repository;
    String tenant;

    @BeforeAll
    static void migrate() {
        dsl = DSL.using(MigratedDatabase.create("vault_keys"), SQLDialect.POSTGRES);
    }

    @BeforeEach
    void newTenant() {
        repository = new PostgresKeyRepository(dsl);
        tenant = "t-" + HexFormat.of().formatHex(randomBytes(6));
    }

    @Test
    void tenantAndSubjectKeysAreSeparateOwners() {
        WrappedKey tenantKey = tenantKey();
        WrappedKey subjectKey = subjectKey(hash(1), 1);

        assertThat(repository.insertIfAbsent(tenantKey)).isEqualTo(tenantKey);
        assertThat(repository.insertIfAbsent(subjectKey)).isEqualTo(subjectKey);
        assertThat(repository.insertIfAbsent(tenantKey())).isEqualTo(tenantKey);
        assertThat(repository.insertIfAbsent(subjectKey)).isEqualTo(subjectKey);
        assertThat(repository.findTenantKey(tenant)).contains(tenantKey);
        assertThat(repository.findSubjectKey(tenant, hash(1))).contains(subjectKey);
        assertThat(repository.findSubjectKey(tenant, hash(2))).isEmpty();
        assertThat(repository.findByKeyId(tenant, subjectKey.keyId())).contains(subjectKey);
        assertThat(repository.findByKeyId("other", subjectKey.keyId())).isEmpty();
    }

    @Test
    void racersForOneSubjectAllGetTheSameSingleKey() throws Exception {
        SubjectHash subject = hash(7);
        Set<KeyId> winners = ConcurrentHashMap.newKeySet();

        race(
                8,
                () -> winners.add(
                        repository.insertIfAbsent(subjectKey(subject, 1)).keyId()));

        assertThat(winners).hasSize(1);
        assertThat(dsl.fetchCount(
                        VaultTables.KEY,
                        VaultTables.KEY_TENANT.eq(tenant).and(VaultTables.KEY_SUBJECT_HASH.eq(subject.hex()))))
                .isEqualTo(1);
    }

    @Test
    void shredDeletesOnceAndLeavesARecord() {
        WrappedKey key = repository.insertIfAbsent(subjectKey(hash(1), 1));

        Optional<ShredRecord> first = repository.shredSubjectKey(tenant, hash(1), NOW, "dpo", "req-1");
        Optional<ShredRecord> second = repository.shredSubjectKey(tenant, hash(1), NOW, "dpo", "req-2");

        assertThat(first).hasValueSatisfying(r -> assertThat(r.keyId()).isEqualTo(key.keyId()));
        assertThat(second).isEmpty();
        assertThat(repository.findSubjectKey(tenant, hash(1))).isEmpty();
        assertThat(repository.findByKeyId(tenant, key.keyId())).isEmpty();
        assertThat(repository.findShred(tenant, key.keyId())).isEqualTo(first);
        assertThat(repository.findShreds(tenant, hash(1))).containsExactly(first.orElseThrow());
        assertThat(repository.insertIfAbsent(subjectKey(hash(1), 1)).keyId()).isNotEqualTo(key.keyId());
        assertThat(repository.shredSubjectKey(tenant, hash(9), NOW, "dpo", "req-3"))
                .isEmpty();
    }

    @Test
    void concurrentShredsOfOneSubjectWriteOneRecord() throws Exception {
        repository.insertIfAbsent(subjectKey(hash(3), 1));
        Set<ShredRecord> records = ConcurrentHashMap.newKeySet();

        race(
                4,
                () -> repository
                        .shredSubjectKey(tenant, hash(3), NOW, "dpo", "req")
                        .map(records::add)
                        .orElse(false));

        assertThat(records).hasSize(1);
        assertThat(repository.findShreds(tenant, hash(3))).hasSize(1);
    }

    @Test
    void shredRecordsCannotBeDeleted() {
        repository.insertIfAbsent(subjectKey(hash(4), 1));
        repository.shredSubjectKey(tenant, hash(4), NOW, "dpo", "req");

        assertThatThrownBy(() -> dsl.deleteFrom(VaultTables.SHRED)
                        .where(VaultTables.SHRED_TENANT.eq(tenant))
                        .execute())
                .hasMessageContaining("append-only");
    }

    @Test
    void pagesThroughKeysOfOtherVersionsAndReplacesByCompareAndSet() {
        for (int i = 0; i < 5; i++) {
            repository.insertIfAbsent(subjectKey(hash(i), 1));
        }
        repository.insertIfAbsent(subjectKey(hash(5), 2));

        List<WrappedKey> first = mine(repository.findWrappedWithOtherVersion(2, new KeyCursor(tenant, low()), 3));
        List<WrappedKey> rest = mine(repository.findWrappedWithOtherVersion(2, KeyCursor.of(first.getLast()), 3));
        assertThat(first)
                .hasSize(3)
                .isSortedAccordingTo((a, b) -> KeyCursor.of(a).compareTo(KeyCursor.of(b)));
        assertThat(rest).hasSize(2);
        assertThat(KeyCursor.of(rest.getFirst())).isGreaterThan(KeyCursor.of(first.getLast()));

        WrappedKey key = first.getFirst();
        assertThat(repository.replaceWrapping(tenant, key.keyId(), 1, 2, new byte[] {9}))
                .isTrue();
        assertThat(repository.replaceWrapping(tenant, key.keyId(), 1, 3, new byte[] {8}))
                .isFalse();
        assertThat(repository.findByKeyId(tenant, key.keyId()))
                .hasValueSatisfying(k -> assertThat(k.wrapped()).containsExactly(9));
        assertThat(repository.replaceWrapping(tenant, KeyId.random(), 1, 2, new byte[] {7}))
                .isFalse();
        Map<Integer, Long> counts = repository.countByKekVersion();
        assertThat(counts.get(2)).isGreaterThanOrEqualTo(2L);
    }

    private List<WrappedKey> mine(List<WrappedKey> page) {
        return page.stream().filter(k -> k.tenant().equals(tenant)).toList();
    }

    private static KeyId low() {
        return new KeyId("0".repeat(32));
    }

    private WrappedKey tenantKey() {
        return new WrappedKey(tenant, KeyId.random(), KeyScope.TENANT, null, 1, randomBytes(40), NOW);
    }

    private WrappedKey subjectKey(SubjectHash subject, int kekVersion) {
        return new WrappedKey(tenant, KeyId.random(), KeyScope.SUBJECT, subject, kekVersion, randomBytes(40), NOW);
    }

    static SubjectHash hash(int n) {
        byte[] bytes = new byte[SubjectHash.LENGTH];
        bytes[0] = (byte) n;
        return SubjectHash.fromBytes(bytes);
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    static void race(int threads, Callable<?> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }
}
