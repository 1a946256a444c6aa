package dev.lethe.ui.security;

import dev.lethe.catalog.apikey.ApiKey;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ui.signals.ApiKeyAddresses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <api key>}. A request without the header goes on
 * anonymous (public endpoints still answer); a header with an unknown, revoked or expired key is
 * refused at once with a problem response, so a typo never looks like "not allowed". The request
 * then runs as the key's tenant ({@link TenantContext}), which row-level security enforces. The key's
 * use is noted (at most once a minute), so that its owner sees which keys are still in use.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    /** Carries a servlet exception through {@link TenantContext}'s supplier. */
    private static final class UncheckedServletException extends RuntimeException {
        UncheckedServletException(ServletException cause) {
            super(cause);
        }

        @Override
        public synchronized ServletException getCause() {
            return (ServletException) super.getCause();
        }
    }

    private static void doFilter(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
        try {
            chain.doFilter(request, response);
        } catch (ServletException e) {
            throw new UncheckedServletException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;
    private final ApiKeyAddresses addresses;

    ApiKeyAuthenticationFilter(ApiKeys apiKeys, ApiKeyAddresses addresses) {
        this.apiKeys = apiKeys;
        this.addresses = addresses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        // Already authenticated by an earlier filter (a JWT): the bearer credential was judged there.
        boolean authenticated = SecurityContextHolder.getContext().getAuthentication() instanceof LetheAuthentication;
        if (authenticated || header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKey> key =
                apiKeys.authenticate(header.substring(BEARER.length()).trim());
        if (key.isEmpty()) {
            ProblemResponses.write(response, 401, "Unauthorized", "The API key is unknown, revoked or expired.");
            return;
        }
        apiKeys.recordUse(key.get());
        // The connection's address, not a header a client could choose (docs/security.md).
        addresses.used(key.get(), request.getRemoteAddr());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(key.get()));
        SecurityContextHolder.setContext(context);
        try {
            TenantContext.callAs(key.get().tenantId(), () -> {
                doFilter(chain, request, response);
                return null;
            });
        } catch (UncheckedServletException e) {
            throw e.getCause();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
