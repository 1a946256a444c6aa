package dev.lethe.ui.portal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Token buckets by key: each allows {@code capacity} takes in a {@code window}, refilled evenly, and
 * answers how long to wait when empty. Kept in this instance's memory, so with several instances each
 * counts on its own (a client spread across them gets up to that many times the limit). Keys name an
 * IP address or a keyed hash of an identity, never an identity itself. Thread-safe.
 */
final class RateLimits {

    /** Thrown when a bucket is empty: the answer is 429 with {@code Retry-After}. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient Duration retryAfter;
        private final String bucket;

        Exceeded(String bucket, Duration retryAfter) {
            super("rate limit exceeded", null, false, false);
            this.bucket = bucket;
            this.retryAfter = retryAfter;
        }

        /** Which kind of bucket: the key up to its first ':' (e.g. {@code submit-address}). */
        String bucket() {
            return bucket;
        }

        /** Whole seconds, at least one. */
        long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private record Bucket(double tokens, Instant at) {}

    /** Past this many keys, buckets that have refilled completely are forgotten. */
    private static final int PRUNE_ABOVE = 10_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Keys identities in memory: random per instance, never stored, so the keys name nobody. */
    private final SecretKeySpec identityKey;

    RateLimits(Clock clock) {
        this.clock = clock;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.identityKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The bucket key part for an identity of a tenant (e-mail addresses compared in lower case). */
    String identity(UUID tenantId, String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(identityKey);
            byte[] digest = mac.doFinal(
                    (tenantId + ":" + email.strip().toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes one token from the bucket {@code key}.
     *
     * @throws Exceeded when it is empty, with the time until a token is back
     */
    void take(String key, int capacity, Duration window) {
        Instant now = clock.instant();
        double perNano = (double) capacity / window.toNanos();
        Duration[] wait = new Duration[1];
        buckets.compute(key, (k, bucket) -> {
            double tokens = bucket == null
                    ? capacity
                    : Math.min(
                            capacity,
                            bucket.tokens()
                                    + perNano
                                            * Duration.between(bucket.at(), now).toNanos());
            // A whole token, give or take the rounding of the refill.
            if (tokens < 1 - 1e-9) {
                wait[0] = Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
                return new Bucket(tokens, now);
            }
            return new Bucket(tokens - 1, now);
        });
        if (buckets.size() > PRUNE_ABOVE) {
            prune(now, window);
        }
        if (wait[0] != null) {
            int colon = key.indexOf(':');
            throw new Exceeded(colon < 0 ? key : key.substring(0, colon), wait[0]);
        }
    }

    private void prune(Instant now, Duration window) {
        buckets.entrySet().removeIf(entry -> entry.getValue().at().plus(window).isBefore(now));
    }
}
