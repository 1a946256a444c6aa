package dev.lethe.ui.limits;

import java.time.Duration;

/** A bucket is empty: the answer is {@code 429} with {@code Retry-After}. */
public final class RateLimitExceeded extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;
    private final String kind;

    RateLimitExceeded(String kind, Duration retryAfter) {
        super("rate limit exceeded", null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    /** Which kind of bucket: the bucket name up to its first ':' (e.g. {@code ip}, {@code submit-address}). */
    public String kind() {
        return kind;
    }

    /** Whole seconds until a token is back, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
