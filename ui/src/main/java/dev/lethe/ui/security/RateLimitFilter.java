package dev.lethe.ui.security;

import dev.lethe.ui.limits.RateLimit;
import dev.lethe.ui.limits.RateLimitExceeded;
import dev.lethe.ui.limits.RateLimitProperties;
import dev.lethe.ui.limits.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes a token per request from the caller's bucket and answers {@code 429} with {@code Retry-After}
 * when it is empty. One instance counts client addresses (placed before authentication, so that
 * requests with bad credentials count too), another the authenticated principal (an API key, or a
 * signed-in user or bearer-token principal), a third the sign-in attempts of a client address (a bucket
 * of its own, much smaller than the address's). Static files and health checks are not counted. The
 * client address is the request's remote address: a proxy's {@code X-Forwarded-For} counts only when
 * {@code server.forward-headers-strategy} says to trust it (see docs/security.md#limits).
 */
final class RateLimitFilter extends OncePerRequestFilter {

    /** Paths nobody is limited on: files the pages load and the health check of load balancers. */
    private static final List<String> UNCOUNTED =
            List.of("/css/", "/js/", "/img/", "/webjars/", "/swagger-ui/", "/favicon.ico", "/actuator/health");

    /**
     * Where a password or a code is tried (POST), as the sign-in pages' forms send them, and the change
     * of password, which tries the current one (a session left open must not be a way to guess it).
     */
    private static final Set<String> SIGN_IN_STEPS =
            Set.of("/sign-in", "/sign-in/second-factor", "/sign-in/enrol", "/account/password");

    /** Where single sign-on comes back from the provider with a code (GET): an attempt too. */
    private static final String SSO_RETURN = "/login/oauth2/code/";

    private enum Counting {
        ADDRESS,
        PRINCIPAL,
        SIGN_IN
    }

    private final RateLimiter limiter;
    private final RateLimitProperties properties;
    private final MeterRegistry meters;
    private final Counting counting;

    private RateLimitFilter(
            RateLimiter limiter, RateLimitProperties properties, MeterRegistry meters, Counting counting) {
        this.limiter = limiter;
        this.properties = properties;
        this.meters = meters;
        this.counting = counting;
    }

    /** Counts every request by its client address. */
    static RateLimitFilter perAddress(RateLimiter limiter, RateLimitProperties properties, MeterRegistry meters) {
        return new RateLimitFilter(limiter, properties, meters, Counting.ADDRESS);
    }

    /** Counts authenticated requests by their API key or user; anonymous ones pass. */
    static RateLimitFilter perPrincipal(RateLimiter limiter, RateLimitProperties properties, MeterRegistry meters) {
        return new RateLimitFilter(limiter, properties, meters, Counting.PRINCIPAL);
    }

    /**
     * Counts the sign-in attempts of a client address, so that trying one password on many accounts
     * (each of which locks only after its own failures) stops early; other requests pass.
     */
    static RateLimitFilter perAddressSignIn(RateLimiter limiter, RateLimitProperties properties, MeterRegistry meters) {
        return new RateLimitFilter(limiter, properties, meters, Counting.SIGN_IN);
    }

    /** Several instances run on one request: each marks it as filtered under a name of its own. */
    @Override
    protected String getAlreadyFilteredAttributeName() {
        return RateLimitFilter.class.getName() + "." + counting + ".FILTERED";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!properties.enabled()) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (counting == Counting.SIGN_IN) {
            return !signInAttempt(request.getMethod(), path);
        }
        return UNCOUNTED.stream().anyMatch(path::startsWith);
    }

    private static boolean signInAttempt(String method, String path) {
        return ("POST".equals(method) && SIGN_IN_STEPS.contains(path)) || path.startsWith(SSO_RETURN);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            if (counting == Counting.ADDRESS) {
                limiter.take(limiter.bucket("ip", request.getRemoteAddr()), properties.ip());
            } else if (counting == Counting.SIGN_IN) {
                limiter.take(limiter.bucket("sign-in", request.getRemoteAddr()), properties.signInAttempts());
            } else if (SecurityContextHolder.getContext().getAuthentication() instanceof LetheAuthentication caller) {
                String principal = LetheAuthentication.principalName(caller.actor());
                boolean key = caller instanceof ApiKeyAuthentication;
                RateLimit limit = key ? properties.key() : properties.user();
                limiter.take(limiter.bucket(key ? "key" : "user", principal), limit);
            }
        } catch (RateLimitExceeded e) {
            meters.counter("lethe.rate_limits.refused", "kind", e.kind()).increment();
            response.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
            ProblemResponses.write(
                    response,
                    429,
                    "Too Many Requests",
                    "Too many requests; try again in " + e.retryAfterSeconds() + " seconds.");
            return;
        }
        chain.doFilter(request, response);
    }
}
