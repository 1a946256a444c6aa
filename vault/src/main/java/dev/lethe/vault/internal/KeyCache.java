package dev.lethe.vault.internal;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Unwrapped keys, bounded in size and age. Loading happens outside any lock (it may call the KMS and
 * the database); a load that overlaps an invalidation is used once but not kept, so a shred or rotation
 * can never be undone by a slow concurrent load putting an old key back.
 */
final class KeyCache<K, V> {
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();
    private final int maxSize;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;

    private record Entry<V>(V value, long loadedAt) {}

    KeyCache(int maxSize, long maxAgeNanos, LongSupplier nanoTime) {
        if (maxSize < 1 || maxAgeNanos < 1) {
            throw new IllegalArgumentException("cache size and age must be positive");
        }
        this.maxSize = maxSize;
        this.maxAgeNanos = maxAgeNanos;
        this.nanoTime = nanoTime;
    }

    V get(K key, Function<K, V> loader) {
        long now = nanoTime.getAsLong();
        Entry<V> cached = entries.get(key);
        if (cached != null && now - cached.loadedAt() < maxAgeNanos) {
            return cached.value();
        }
        long seen = invalidations.get();
        V value = loader.apply(key);
        Entry<V> fresh = new Entry<>(value, now);
        entries.put(key, fresh);
        if (invalidations.get() != seen) {
            entries.remove(key, fresh);
        } else if (entries.size() > maxSize) {
            trim(now);
        }
        return value;
    }

    /** The cached value if present and young enough, else null; never loads. */
    V peek(K key) {
        Entry<V> cached = entries.get(key);
        boolean fresh = cached != null && nanoTime.getAsLong() - cached.loadedAt() < maxAgeNanos;
        return fresh ? cached.value() : null;
    }

    void invalidate(K key) {
        invalidations.incrementAndGet();
        entries.remove(key);
    }

    void clear() {
        invalidations.incrementAndGet();
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    /** Drops expired entries, then the oldest, down to 90% of the bound, so trimming is rare. */
    private synchronized void trim(long now) {
        entries.entrySet().removeIf(e -> now - e.getValue().loadedAt() >= maxAgeNanos);
        int excess = entries.size() - maxSize * 9 / 10;
        if (excess <= 0) {
            return;
        }
        entries.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().loadedAt()))
                .limit(excess)
                .map(Map.Entry::getKey)
                .toList()
                .forEach(entries::remove);
    }
}
