package dev.lethe.ui.security;

import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.ui.limits.RateLimitProperties;
import dev.lethe.ui.limits.RateLimiter;
import dev.lethe.ui.security.jwt.JwtAuthenticationFilter;
import dev.lethe.ui.security.jwt.JwtAuthenticator;
import dev.lethe.ui.signals.ApiKeyAddresses;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The API and the actuator are stateless and authenticated by bearer API keys: no cookies, so no
 * CSRF tokens. {@code /actuator/health} answers everyone with the overall status only; its
 * components, and every other actuator endpoint, need the ADMIN role and the admin scope.
 *
 * <p>Scopes are checked here, for every API request, before any controller runs: GET, HEAD and
 * OPTIONS need {@code read}, every other method {@code write}, and the platform's endpoints (the KEK,
 * tenants) {@code admin} (whatever the method). Roles are checked on top by the controllers ({@code @PreAuthorize},
 * {@code @WritableBy}); a request needs both. The web UI's chain is {@link WebSecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    private static final String READ_SCOPE = LetheAuthentication.authority(Scope.READ);
    private static final String WRITE_SCOPE = LetheAuthentication.authority(Scope.WRITE);
    private static final String ADMIN_SCOPE = LetheAuthentication.authority(Scope.ADMIN);

    /**
     * What Spring Security's firewall refuses before any chain runs (a {@code ;} or an encoded {@code
     * /} or {@code %} in a path, a path that is not normalised) gets a {@code 400} problem like every
     * other refusal, not the error page.
     */
    @Bean
    RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, e) ->
                ProblemResponses.write(response, 400, "Bad Request", "The request's path is not one Lethe accepts.");
    }

    /** Not a filter bean (which the servlet container would run on every request): chains apply it. */
    @Bean
    AddressRateLimit addressRateLimit(RateLimiter rateLimiter, RateLimitProperties rateLimits, MeterRegistry meters) {
        return new AddressRateLimit(rateLimiter, rateLimits, meters);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ApiKeys apiKeys,
            ApiLimitsProperties limits,
            RateLimiter rateLimiter,
            RateLimitProperties rateLimits,
            MeterRegistry meters,
            CorsProperties cors,
            ObjectProvider<JwtAuthenticator> jwtAuthenticator,
            ApiKeyAddresses addresses)
            throws Exception {
        // With an issuer configured, a bearer JWT is judged before (and instead of) the API keys.
        jwtAuthenticator.ifAvailable(authenticator ->
                http.addFilterBefore(new JwtAuthenticationFilter(authenticator), AnonymousAuthenticationFilter.class));
        return http.securityMatcher("/api/**", "/actuator/**")
                .csrf(csrf -> csrf.disable())
                // CORS answers only the configured origins (none by default), before authentication, so
                // that a preflight (which carries no credential) is answered or refused here.
                .cors(c -> {
                    if (cors.enabled()) {
                        c.configurationSource(cors.source());
                    } else {
                        c.disable();
                    }
                })
                .headers(SecurityHeaders.with(SecurityHeaders.API_POLICY))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(apiKeys, addresses), AnonymousAuthenticationFilter.class)
                .addFilterBefore(
                        new RequestBodyLimitFilter(limits.maxRequestBody().toBytes()), ApiKeyAuthenticationFilter.class)
                // Addresses counted before authentication, keys and users once known (docs/security.md#limits).
                .addFilterBefore(
                        RateLimitFilter.perAddress(rateLimiter, rateLimits, meters), SecurityContextHolderFilter.class)
                .addFilterBefore(
                        RateLimitFilter.perPrincipal(rateLimiter, rateLimits, meters), AuthorizationFilter.class)
                .addFilterBefore(new HiddenCharactersFilter(), ApiKeyAuthenticationFilter.class)
                // A streamed body (a package download) finishes in an async dispatch, which the bearer
                // filters do not authenticate again: the request it continues was authorized already.
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasRole("ADMIN"),
                                AuthorityAuthorizationManager.hasAuthority(ADMIN_SCOPE)))
                        .requestMatchers(
                                "/api/v1/vault/kek", "/api/v1/vault/kek/**", "/api/v1/tenants", "/api/v1/tenants/**")
                        .hasAuthority(ADMIN_SCOPE)
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .hasAuthority(READ_SCOPE)
                        .requestMatchers(HttpMethod.HEAD, "/api/**")
                        .hasAuthority(READ_SCOPE)
                        .requestMatchers(HttpMethod.OPTIONS, "/api/**")
                        .hasAuthority(READ_SCOPE)
                        .anyRequest()
                        .hasAuthority(WRITE_SCOPE))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint((request, response, e) -> ProblemResponses.write(
                                        response,
                                        401,
                                        "Unauthorized",
                                        "Send an API key or an access token as Authorization: Bearer <credential>."))
                                .accessDeniedHandler((request, response, e) -> ProblemResponses.write(
                                        response, 403, "Forbidden", "Your roles or scopes do not allow this.")))
                .build();
    }
}
