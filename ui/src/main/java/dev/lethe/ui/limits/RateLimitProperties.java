package dev.lethe.ui.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits on the API and the web pages (not static files, not health checks), per client address,
 * per API key and per signed-in user; see docs/security.md#limits.
 *
 * @param enabled whether requests are counted at all (the portal's own limits hold either way)
 * @param store where buckets live: {@code postgres} (shared by every instance) or {@code memory}
 * @param perIp every request from one client address, counted before authentication
 * @param perKey the requests of one API key
 * @param perUser the requests of one signed-in user or bearer-token principal
 * @param signIn the sign-in attempts from one client address (a password, a second-factor code, a single
 *     sign-on return, a change of password), counted on top of {@code perIp}: credential stuffing across
 *     many accounts
 */
@ConfigurationProperties("lethe.security.rate-limits")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("postgres") Store store,
        Bucket perIp,
        Bucket perKey,
        Bucket perUser,
        Bucket signIn) {

    public enum Store {
        MEMORY,
        POSTGRES
    }

    /** One bucket's size; unset parts take the defaults. */
    public record Bucket(Integer capacity, Duration period) {

        RateLimit or(int defaultCapacity, Duration defaultPeriod) {
            return new RateLimit(
                    capacity == null ? defaultCapacity : capacity, period == null ? defaultPeriod : period);
        }
    }

    private static final Bucket UNSET = new Bucket(null, null);

    /** A password and a code are two attempts: 15 sign-ins at once, then 3 a minute, from one address. */
    private static final int SIGN_IN_CAPACITY = 30;

    private static final Duration SIGN_IN_PERIOD = Duration.ofMinutes(5);

    public RateLimitProperties {
        perIp = perIp == null ? UNSET : perIp;
        perKey = perKey == null ? UNSET : perKey;
        perUser = perUser == null ? UNSET : perUser;
        signIn = signIn == null ? UNSET : signIn;
        // Validated at start-up: a bad capacity or period fails here, naming the property.
        try {
            perIp.or(1200, Duration.ofMinutes(1));
            perKey.or(600, Duration.ofMinutes(1));
            perUser.or(600, Duration.ofMinutes(1));
            signIn.or(SIGN_IN_CAPACITY, SIGN_IN_PERIOD);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lethe.security.rate-limits: " + e.getMessage(), e);
        }
    }

    /** Per client address: 1,200 a minute unless set. */
    public RateLimit ip() {
        return perIp.or(1200, Duration.ofMinutes(1));
    }

    /** Per API key: 600 a minute unless set. */
    public RateLimit key() {
        return perKey.or(600, Duration.ofMinutes(1));
    }

    /** Per user: 600 a minute unless set. */
    public RateLimit user() {
        return perUser.or(600, Duration.ofMinutes(1));
    }

    /** Sign-in attempts per client address: 30 every 5 minutes unless set. */
    public RateLimit signInAttempts() {
        return signIn.or(SIGN_IN_CAPACITY, SIGN_IN_PERIOD);
    }
}
