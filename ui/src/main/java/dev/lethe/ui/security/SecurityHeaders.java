package dev.lethe.ui.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers both filter chains send on every response, pages and API alike (errors
 * included): a Content-Security-Policy (the page's strict one, or {@link #API_POLICY} for the API),
 * {@code X-Frame-Options: DENY}, {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy:
 * no-referrer} (set-up and package links carry tokens in their path), a {@code Permissions-Policy}
 * that denies powerful features, {@code Cache-Control: no-store} (Spring Security's default: every
 * response may hold personal data) and HSTS on requests that came over HTTPS (Spring Security's
 * default: one year, sub-domains included).
 */
public final class SecurityHeaders {

    /** The pages': only the app's own scripts, styles and images; no inline script or style. */
    public static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** The API answers JSON only: nothing in it may load, run or be framed. */
    public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /**
     * A self-contained document Lethe hands out (the record of processing as HTML): its own inline
     * styles, nothing else.
     */
    public static final String DOCUMENT_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    /**
     * Swagger UI (the API's description): the page policy, but its widgets set inline styles and
     * show {@code data:} images. Still no inline or foreign script.
     */
    public static final String API_DESCRIPTION_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    private SecurityHeaders() {}

    /** The headers with {@code contentSecurityPolicy}; everything else is the same for every chain. */
    public static Customizer<HeadersConfigurer<HttpSecurity>> with(String contentSecurityPolicy) {
        return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                .frameOptions(frame -> frame.deny())
                .contentTypeOptions(Customizer.withDefaults())
                .cacheControl(Customizer.withDefaults())
                .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY));
    }
}
