package dev.lethe.ui.security;

import dev.lethe.catalog.tenant.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in person's page requests run as their tenant ({@link TenantContext}), which row-level
 * security enforces, as API requests run as their key's.
 */
final class SessionTenantFilter extends OncePerRequestFilter {

    /** Carries a servlet exception through {@link TenantContext}'s supplier. */
    private static final class UncheckedServletException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedServletException(ServletException cause) {
            super(cause);
        }

        @Override
        public synchronized ServletException getCause() {
            return (ServletException) super.getCause();
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof LetheAuthentication person)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            TenantContext.runAs(person.tenantId(), () -> {
                try {
                    chain.doFilter(request, response);
                } catch (ServletException e) {
                    throw new UncheckedServletException(e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedServletException e) {
            throw e.getCause();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
