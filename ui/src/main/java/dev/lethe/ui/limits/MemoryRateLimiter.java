package dev.lethe.ui.limits;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in this instance's memory: with several instances each counts on its own (a client
 * spread across them gets up to that many times the limit). For a single instance, or development.
 * The hash key is random per instance and never stored. Thread-safe.
 */
public final class MemoryRateLimiter implements RateLimiter {

    private record Bucket(double tokens, Instant at, Duration period) {}

    /** Past this many buckets, those that have refilled completely are forgotten. */
    private static final int PRUNE_ABOVE = 10_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final BucketNames names;

    public MemoryRateLimiter(Clock clock) {
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.names = new BucketNames(secret);
    }

    @Override
    public String bucket(String kind, String value) {
        return names.name(kind, value);
    }

    @Override
    public double available(String bucket, RateLimit limit) {
        Bucket known = buckets.get(bucket);
        if (known == null) {
            return limit.capacity();
        }
        double perNano = (double) limit.capacity() / limit.period().toNanos();
        return Math.min(
                limit.capacity(),
                known.tokens()
                        + perNano
                                * Duration.between(known.at(), clock.instant()).toNanos());
    }

    @Override
    public void take(String bucket, RateLimit limit) {
        Instant now = clock.instant();
        int capacity = limit.capacity();
        double perNano = (double) capacity / limit.period().toNanos();
        Duration[] wait = new Duration[1];
        buckets.compute(bucket, (k, old) -> {
            double tokens = old == null
                    ? capacity
                    : Math.min(
                            capacity,
                            old.tokens()
                                    + perNano * Duration.between(old.at(), now).toNanos());
            // A whole token, give or take the rounding of the refill.
            if (tokens < 1 - 1e-9) {
                wait[0] = Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
                return new Bucket(tokens, now, limit.period());
            }
            return new Bucket(tokens - 1, now, limit.period());
        });
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.entrySet()
                    .removeIf(entry -> entry.getValue()
                            .at()
                            .plus(entry.getValue().period())
                            .isBefore(now));
        }
        if (wait[0] != null) {
            throw new RateLimitExceeded(RateLimiter.kindOf(bucket), wait[0]);
        }
    }
}
