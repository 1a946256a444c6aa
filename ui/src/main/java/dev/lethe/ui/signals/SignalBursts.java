package dev.lethe.ui.signals;

import dev.lethe.ui.limits.RateLimit;
import dev.lethe.ui.limits.RateLimitExceeded;
import dev.lethe.ui.limits.RateLimiter;
import java.time.Duration;

/**
 * Counts the events behind a burst signal in the {@link RateLimiter}'s buckets, so that with its
 * PostgreSQL store every instance counts into the same ones: a burst a load balancer spreads over several
 * instances is seen as one. A threshold is a bucket of that many events refilled over the window; the
 * event that empties it reaches the threshold, and a burst going on reaches it again only after a window
 * (one signal per window, not one per request). Bucket names are keyed hashes of what they count.
 * Thread-safe.
 */
public final class SignalBursts {

    private final RateLimiter limiter;

    public SignalBursts(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /**
     * Counts one event of {@code kind} for {@code key}; true when it reaches {@code threshold} within
     * {@code window} and no earlier event of the same kind and key did so in the last window.
     */
    public boolean reached(String kind, String key, int threshold, Duration window) {
        String events = limiter.bucket("signal-" + kind, key);
        RateLimit burst = new RateLimit(threshold, window);
        boolean reached = !tookFrom(events, burst) || limiter.available(events, burst) < 1;
        return reached && firstInWindow("signal-raised-" + kind, key, window);
    }

    /** True the first time {@code key} is seen for {@code kind} within {@code window}. */
    public boolean firstInWindow(String kind, String key, Duration window) {
        return tookFrom(limiter.bucket(kind, key), new RateLimit(1, window));
    }

    private boolean tookFrom(String bucket, RateLimit limit) {
        try {
            limiter.take(bucket, limit);
            return true;
        } catch (RateLimitExceeded e) {
            return false;
        }
    }
}
