package dev.lethe.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyCacheTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void reusesAValueUntilItIsTooOld() {
        KeyCache<String, Integer> cache = new KeyCache<>(10, 100, now::get);

        assertThat(cache.get("a", this::load)).isEqualTo(1);
        now.set(99);
        assertThat(cache.get("a", this::load)).isEqualTo(1);
        now.set(100);
        assertThat(cache.peek("a")).isNull();
        assertThat(cache.get("a", this::load)).isEqualTo(2);
    }

    @Test
    void staysWithinItsSizeBound() {
        KeyCache<Integer, Integer> cache = new KeyCache<>(100, Long.MAX_VALUE, now::incrementAndGet);
        for (int i = 0; i < 1_000; i++) {
            cache.get(i, k -> k);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
        assertThat(cache.peek(999)).isEqualTo(999);
    }

    @Test
    void aLoadOverlappingAnInvalidationIsNotKept() {
        KeyCache<String, Integer> cache = new KeyCache<>(10, 1_000, now::get);

        Integer value = cache.get("a", k -> {
            cache.invalidate("a");
            return 7;
        });

        assertThat(value).isEqualTo(7);
        assertThat(cache.peek("a")).isNull();
    }

    private Integer load(String key) {
        return loads.incrementAndGet();
    }
}
