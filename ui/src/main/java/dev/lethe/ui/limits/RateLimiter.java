package dev.lethe.ui.limits;

/**
 * Token buckets by name, kept in this instance's memory ({@link MemoryRateLimiter}) or shared by every
 * instance through PostgreSQL ({@link PostgresRateLimiter}). A bucket's name is a kind and a keyed hash
 * of what it counts, made by {@link #bucket}: a client address or an identity never appears in it.
 * Implementations are thread-safe.
 */
public interface RateLimiter {

    /**
     * The name of the bucket that counts {@code value} (an address, a key id, an e-mail address...) for
     * {@code kind}: {@code <kind>:<hash>}, at most 100 characters.
     */
    String bucket(String kind, String value);

    /**
     * Takes one token from the bucket.
     *
     * @throws RateLimitExceeded when it is empty, with the time until a token is back
     */
    void take(String bucket, RateLimit limit);

    /**
     * The tokens the bucket holds now, without taking any: its capacity when it was never taken from (or
     * has refilled). For acting before a limit is reached, e.g. asking for a proof of work.
     */
    double available(String bucket, RateLimit limit);

    /** The kind part of a bucket name. */
    static String kindOf(String bucket) {
        int colon = bucket.indexOf(':');
        return colon < 0 ? bucket : bucket.substring(0, colon);
    }
}
