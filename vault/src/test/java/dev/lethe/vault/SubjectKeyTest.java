package dev.lethe.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.vault.keys.KeyScope;
import dev.lethe.vault.keys.SubjectHash;
import dev.lethe.vault.support.VaultFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SubjectKeyTest {
    private final VaultFixture fx = new VaultFixture();

    @Test
    void concurrentFirstTokenizationsOfOneSubjectEndWithOneKey() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    return tokens.add(fx.deterministic("cust-42", "contact.email", "ana@example.com"));
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(tokens).hasSize(1);
        // One tenant key and one subject key.
        assertThat(fx.keys.size()).isEqualTo(2);
    }

    @Test
    void theKeyStoreHoldsOnlyAKeyedHashOfTheSubject() {
        fx.deterministic("cust-42", "contact.email", "ana@example.com");

        var stored = fx.keys.findWrappedWithOtherVersion(-1, null, 10);
        assertThat(stored).extracting(k -> k.scope()).containsExactlyInAnyOrder(KeyScope.TENANT, KeyScope.SUBJECT);
        SubjectHash hash = stored.stream()
                .filter(k -> k.scope() == KeyScope.SUBJECT)
                .findFirst()
                .orElseThrow()
                .subjectHash();
        assertThat(hash.hex()).doesNotContain("cust").hasSize(64);
        assertThat(stored.toString()).doesNotContain("cust-42");
    }

    @Test
    void warmKeysAreServedFromTheCache() {
        fx.deterministic("cust-1", "contact.email", "a@example.com");
        int unwraps = fx.kms.unwraps();
        for (int i = 0; i < 100; i++) {
            fx.deterministic("cust-1", "contact.email", "a" + i + "@example.com");
        }
        assertThat(fx.kms.unwraps()).isEqualTo(unwraps);
    }

    @Test
    void valuesWithoutASubjectUseTheTenantKey() {
        String token = fx.deterministic(null, "contact.email", "info@example.com");

        assertThat(fx.detokenize(token)).isEqualTo("info@example.com");
        assertThat(fx.keys.size()).isEqualTo(1);
    }

    @Test
    void differentSubjectsGetDifferentKeysAndTokens() {
        String a = fx.deterministic("cust-1", "contact.email", "same@example.com");
        String b = fx.deterministic("cust-2", "contact.email", "same@example.com");

        assertThat(a).isNotEqualTo(b);
        assertThat(fx.keys.size()).isEqualTo(3);
    }
}
