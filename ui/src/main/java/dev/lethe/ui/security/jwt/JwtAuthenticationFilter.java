package dev.lethe.ui.security.jwt;

import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ui.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <JWT>} on the API chain, before the API-key filter:
 * a bearer credential shaped like a JWT is judged here alone, anything else goes on to the API
 * keys. A JWT that is not valid here is refused at once with a problem response (and {@code
 * WWW-Authenticate: Bearer error="invalid_token"}); a valid one runs the request as its tenant.
 */
public final class JwtAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final JwtAuthenticator authenticator;

    public JwtAuthenticationFilter(JwtAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(BEARER.length()).trim();
        if (!JwtAuthenticator.looksLikeJwt(token)) {
            chain.doFilter(request, response);
            return;
        }
        JwtAuthentication authentication;
        try {
            authentication = authenticator.authenticate(token);
        } catch (JwtAuthenticator.Refused e) {
            if (e.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            }
            ProblemResponses.write(
                    response, e.status(), e.status() == 401 ? "Unauthorized" : "Forbidden", e.getMessage());
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            TenantContext.callAs(authentication.tenantId(), () -> {
                try {
                    chain.doFilter(request, response);
                } catch (ServletException e) {
                    throw new WrappedServletException(e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (WrappedServletException e) {
            throw (ServletException) e.getCause();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Carries a servlet exception through {@link TenantContext}'s supplier. */
    private static final class WrappedServletException extends RuntimeException {
        WrappedServletException(ServletException cause) {
            super(cause);
        }
    }
}
