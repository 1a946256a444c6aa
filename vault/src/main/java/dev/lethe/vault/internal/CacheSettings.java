package dev.lethe.vault.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Bounds of the unwrapped-key caches.
 *
 * @param maxKeys per cache (tenant keys, subject keys, keys by id)
 * @param maxAge how long an unwrapped key may be used before it is fetched again; this also bounds how
 *     long another process may keep using a key shredded elsewhere
 * @param nanoTime the clock for ages (System::nanoTime, or a fake in tests)
 */
public record CacheSettings(int maxKeys, Duration maxAge, LongSupplier nanoTime) {
    <K, V> KeyCache<K, V> newCache() {
        return new KeyCache<>(maxKeys, maxAge.toNanos(), nanoTime);
    }
}
