package dev.lethe.ui.security;

import dev.lethe.ui.limits.RateLimitProperties;
import dev.lethe.ui.limits.RateLimiter;
import dev.lethe.ui.security.oidc.OidcSignIn;
import dev.lethe.ui.signin.SignInAudit;
import dev.lethe.ui.signin.SignInProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * The web UI's chain (everything the API chain does not take): people sign in with a password and a
 * second factor (or single sign-on) into a server-side session; every page but the sign-in steps
 * needs one. Forms carry CSRF tokens; the Content-Security-Policy allows only the app's own scripts,
 * styles and images (no inline script, no CDN); pages may not be framed; no referrer leaves (set-up
 * links carry a token); HSTS is sent on HTTPS.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = SecurityHeaders.PAGE_POLICY;

    /**
     * The sign-in steps, the data-subject portal (public by design; its forms carry CSRF tokens like
     * every other), static files, the error page, and the API's description (public, as before).
     */
    private static final String[] OPEN = {
        "/sign-in",
        "/privacy/**",
        "/sign-in/**",
        "/setup/**",
        "/css/**",
        "/js/**",
        "/img/**",
        "/favicon.ico",
        "/error",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**"
    };

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    WebSessions webSessions(SecurityContextRepository contexts, FindByIndexNameSessionRepository<?> sessions) {
        return new WebSessions(contexts, sessions);
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(
            HttpSecurity http,
            SecurityContextRepository contexts,
            SignInProperties properties,
            SignInAudit audit,
            RateLimiter rateLimiter,
            RateLimitProperties rateLimits,
            MeterRegistry meters,
            ApiLimitsProperties bodyLimits,
            ObjectProvider<OidcSignIn> oidcSignIn)
            throws Exception {
        http.securityContext(context -> context.securityContextRepository(contexts))
                // Pages are counted like the API: by address first, then by the signed-in user.
                .addFilterBefore(
                        RateLimitFilter.perAddress(rateLimiter, rateLimits, meters), SecurityContextHolderFilter.class)
                // Sign-in attempts have a far smaller bucket of their own per address: 2.2 of the threat model.
                .addFilterBefore(
                        RateLimitFilter.perAddressSignIn(rateLimiter, rateLimits, meters),
                        SecurityContextHolderFilter.class)
                .addFilterBefore(
                        RateLimitFilter.perPrincipal(rateLimiter, rateLimits, meters), AuthorizationFilter.class)
                // Form posts have the API's body limit (413) before anything (CSRF included) reads them; the
                // portal's filing form, which may carry an agent's proof document, up to 3 MiB.
                .addFilterBefore(
                        new RequestBodyLimitFilter(bodyLimits.maxRequestBody().toBytes(), true),
                        SecurityContextHolderFilter.class)
                .addFilterBefore(
                        new AbsoluteSessionTimeoutFilter(properties.absoluteTimeout(), Clock.systemUTC()),
                        SecurityContextHolderFilter.class)
                .addFilterAfter(new SessionTenantFilter(), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests ->
                        requests.requestMatchers(OPEN).permitAll().anyRequest().authenticated())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.logoutUrl("/sign-out")
                        .logoutSuccessUrl("/sign-in?signed-out")
                        .addLogoutHandler(new SignOutAudit(audit)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                    if (request.getHeader("HX-Request") != null) {
                        // htmx swaps fragments: tell it to load the sign-in page instead of a redirect.
                        response.setHeader("HX-Redirect", "/sign-in");
                        response.sendError(401);
                    } else {
                        new LoginUrlAuthenticationEntryPoint("/sign-in").commence(request, response, e);
                    }
                }))
                .headers(SecurityHeaders.with(CONTENT_SECURITY_POLICY));
        oidcSignIn.ifAvailable(oidc -> {
            try {
                oidc.configure(http);
            } catch (Exception e) {
                throw new IllegalStateException("Single sign-on could not be set up", e);
            }
        });
        return http.build();
    }
}
