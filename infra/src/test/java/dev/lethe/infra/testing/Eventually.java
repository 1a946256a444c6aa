package dev.lethe.infra.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls what the services do asynchronously (outboxes, consumers, indexers) until it is done. */
public final class Eventually {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Eventually() {}

    /** Reads until {@code done} or {@code patience} is over; returns the last value read, for the caller to assert on. */
    public static <T> T read(Supplier<T> read, Predicate<T> done, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            pause(INTERVAL);
            value = read.get();
        }
        return value;
    }

    /** Reads until {@code done}, failing with {@code what} and the last value read when {@code patience} is over. */
    public static <T> T require(String what, Supplier<T> read, Predicate<T> done, Duration patience) {
        return require(what, read, done, patience, INTERVAL);
    }

    /** As {@link #require(String, Supplier, Predicate, Duration)}, polling every {@code interval}. */
    public static <T> T require(
            String what, Supplier<T> read, Predicate<T> done, Duration patience, Duration interval) {
        long deadline = System.nanoTime() + patience.toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError(what + "; last seen: " + value);
            }
            pause(interval);
            value = read.get();
        }
        return value;
    }

    private static void pause(Duration interval) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
