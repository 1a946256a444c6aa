package dev.lethe.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The {@link KeyRepository} contract, on the in-memory implementation. */
class InMemoryKeyRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final InMemoryKeyRepository repository = new InMemoryKeyRepository();

    @Test
    void insertIfAbsentReturnsTheWinnerToEveryRacer() throws Exception {
        SubjectHash subject = hash(1);
        Set<KeyId> winners = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                pool.submit(() -> {
                    start.await();
                    return winners.add(
                            repository.insertIfAbsent(subjectKey(subject, 1)).keyId());
                });
            }
            start.countDown();
        }
        assertThat(winners).hasSize(1);
        assertThat(repository.size()).isEqualTo(1);
    }

    @Test
    void tenantAndSubjectKeysAreSeparateOwners() {
        WrappedKey tenant = tenantKey("acme");
        WrappedKey subject = subjectKey(hash(1), 1);

        assertThat(repository.insertIfAbsent(tenant)).isEqualTo(tenant);
        assertThat(repository.insertIfAbsent(subject)).isEqualTo(subject);
        assertThat(repository.insertIfAbsent(tenantKey("acme"))).isEqualTo(tenant);
        assertThat(repository.findTenantKey("acme")).contains(tenant);
        assertThat(repository.findSubjectKey("acme", hash(1))).contains(subject);
        assertThat(repository.findByKeyId("acme", subject.keyId())).contains(subject);
        assertThat(repository.findByKeyId("other", subject.keyId())).isEmpty();
    }

    @Test
    void shredDeletesOnceAndLeavesARecord() {
        WrappedKey key = repository.insertIfAbsent(subjectKey(hash(1), 1));

        var first = repository.shredSubjectKey("acme", hash(1), NOW, "dpo", "req-1");
        var second = repository.shredSubjectKey("acme", hash(1), NOW, "dpo", "req-2");

        assertThat(first).hasValueSatisfying(r -> assertThat(r.keyId()).isEqualTo(key.keyId()));
        assertThat(second).isEmpty();
        assertThat(repository.findSubjectKey("acme", hash(1))).isEmpty();
        assertThat(repository.findByKeyId("acme", key.keyId())).isEmpty();
        assertThat(repository.findShred("acme", key.keyId())).isEqualTo(first);
        assertThat(repository.findShreds("acme", hash(1))).containsExactly(first.orElseThrow());
        assertThat(repository.insertIfAbsent(subjectKey(hash(1), 1)).keyId()).isNotEqualTo(key.keyId());
    }

    @Test
    void pagesThroughKeysOfOtherVersionsAndReplacesByCompareAndSet() {
        for (int i = 0; i < 5; i++) {
            repository.insertIfAbsent(subjectKey(hash(i), 1));
        }
        List<WrappedKey> first = repository.findWrappedWithOtherVersion(2, null, 3);
        List<WrappedKey> rest = repository.findWrappedWithOtherVersion(2, KeyCursor.of(first.getLast()), 3);
        assertThat(first).hasSize(3);
        assertThat(rest).hasSize(2);

        WrappedKey key = first.getFirst();
        assertThat(repository.replaceWrapping("acme", key.keyId(), 1, 2, new byte[] {9}))
                .isTrue();
        assertThat(repository.replaceWrapping("acme", key.keyId(), 1, 2, new byte[] {8}))
                .isFalse();
        assertThat(repository.findByKeyId("acme", key.keyId()).orElseThrow().wrapped())
                .containsExactly(9);
        assertThat(repository.countByKekVersion()).containsEntry(1, 4L).containsEntry(2, 1L);
        assertThat(repository.findWrappedWithOtherVersion(2, null, 10)).hasSize(4);
    }

    private static WrappedKey subjectKey(SubjectHash subject, int version) {
        return new WrappedKey("acme", KeyId.random(), KeyScope.SUBJECT, subject, version, new byte[] {1}, NOW);
    }

    private static WrappedKey tenantKey(String tenant) {
        return new WrappedKey(tenant, KeyId.random(), KeyScope.TENANT, null, 1, new byte[] {1}, NOW);
    }

    private static SubjectHash hash(int n) {
        byte[] bytes = new byte[SubjectHash.LENGTH];
        bytes[0] = (byte) n;
        return SubjectHash.fromBytes(bytes);
    }
}
