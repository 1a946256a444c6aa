package dev.lethe.ui.portal;

import dev.lethe.ui.limits.RateLimit;
import dev.lethe.ui.limits.RateLimiter;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * The portal's limits on the shared {@link RateLimiter}: buckets per client address and per identity,
 * each within a tenant, each of a kind ({@code submit-address}, {@code send-identity}...). With the PostgreSQL
 * store every instance counts the same buckets. Bucket names are keyed hashes: an address or an e-mail
 * address never appears in them. Thread-safe.
 */
final class RateLimits {

    private final RateLimiter limiter;

    RateLimits(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** What identifies a person of a tenant for the per-identity buckets (e-mail addresses in lower case). */
    static String identity(UUID tenantId, String email) {
        return tenantId + ":" + email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * What identifies a client address for the per-address buckets: per tenant, as each tenant may have
     * limits of its own ({@code lethe.portal.tenants.<slug>.limits.*}) and one tenant's visitors must not
     * use up another's.
     */
    static String address(UUID tenantId, String address) {
        return tenantId + "|" + address;
    }

    /**
     * Takes one token from the bucket of {@code kind} for {@code value}.
     *
     * @throws dev.lethe.ui.limits.RateLimitExceeded when it is empty, with the time until a token is back
     */
    void take(String kind, String value, int capacity, Duration window) {
        limiter.take(limiter.bucket(kind, value), new RateLimit(capacity, window));
    }
}
