package dev.lethe.ui.limits;

import java.time.Duration;

/**
 * A token bucket's size: at most {@code capacity} takes at once, refilled evenly over {@code period}
 * (so {@code capacity / period} takes a second for as long as the client keeps going).
 */
public record RateLimit(int capacity, Duration period) {

    public RateLimit {
        if (capacity < 1) {
            throw new IllegalArgumentException("a rate limit's capacity must be at least 1: " + capacity);
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit's period must be positive: " + period);
        }
    }

    /** Tokens that come back per second. */
    double perSecond() {
        return capacity / (period.toNanos() / 1e9);
    }
}
