package dev.lethe.ui.security;

import dev.lethe.ui.limits.RateLimitProperties;
import dev.lethe.ui.limits.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The per-address rate limit of the API and page chains (docs/security.md#limits), for the filter
 * chains of other modules: those of links whose token is the credential (connector callbacks, package
 * downloads) match ahead of the API's chain and so would otherwise count nothing. A token is 256
 * random bits, so guessing is not the risk; a flood is, and it is answered {@code 429} with {@code
 * Retry-After} like any other request from the address. Thread-safe.
 */
public final class AddressRateLimit {

    private final RateLimiter limiter;
    private final RateLimitProperties properties;
    private final MeterRegistry meters;

    AddressRateLimit(RateLimiter limiter, RateLimitProperties properties, MeterRegistry meters) {
        this.limiter = limiter;
        this.properties = properties;
        this.meters = meters;
    }

    /** Counts every request of the chain by its client address, before anything else reads it. */
    public HttpSecurity applyTo(HttpSecurity http) {
        return http.addFilterBefore(
                RateLimitFilter.perAddress(limiter, properties, meters), SecurityContextHolderFilter.class);
    }
}
