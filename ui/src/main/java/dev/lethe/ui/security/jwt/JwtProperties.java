package dev.lethe.ui.security.jwt;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * JWT bearer tokens for services ({@code lethe.security.jwt.*}): off unless {@code issuer} is
 * set. Only RS256 and ES256 signatures are accepted, by keys from the issuer's JWKS.
 *
 * @param issuer the issuer the tokens must name in {@code iss}, exactly (e.g. {@code
 *     https://sso.example.com/realms/acme}); null: no JWTs, API keys only
 * @param jwkSetUri where the signing keys are; null: found through the issuer's OpenID discovery
 *     document when the first token arrives
 * @param audiences at least one of these must be in the token's {@code aud}; required with an issuer
 * @param tenantClaim the claim that names the caller's tenant, by slug or id
 * @param rolesClaim the claim that lists the caller's roles (ADMIN, PRIVACY_OFFICER, ENGINEER,
 *     AUDITOR; other values are ignored); a dotted path reaches into objects ({@code
 *     realm_access.roles} for Keycloak's default)
 * @param scopeClaim the claim of OAuth scopes; when it holds {@code lethe:read}, {@code lethe:write}
 *     or {@code lethe:admin}, the token gets only those of the scopes its roles give
 * @param clockSkew how far {@code exp} and {@code nbf} may be off the clock
 */
@ConfigurationProperties("lethe.security.jwt")
public record JwtProperties(
        URI issuer,
        URI jwkSetUri,
        List<String> audiences,
        @DefaultValue("tenant") String tenantClaim,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("scope") String scopeClaim,
        @DefaultValue("60s") Duration clockSkew) {

    public JwtProperties {
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        if (issuer != null && audiences.isEmpty()) {
            throw new IllegalArgumentException("lethe.security.jwt.audiences must name at least one audience when "
                    + "lethe.security.jwt.issuer is set: a token meant for another service must not be accepted here.");
        }
        requireHttp(issuer, "issuer");
        requireHttp(jwkSetUri, "jwk-set-uri");
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("lethe.security.jwt.clock-skew must be between 0 and 5 minutes");
        }
    }

    /** Only http(s) URLs with a host: not file:, gopher:, jar: or any other scheme a fetch could abuse. */
    static void requireHttp(URI url, String property) {
        if (url == null) {
            return;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http"))
                || url.getHost() == null
                || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "lethe.security.jwt." + property + " must be an http(s) URL with a host and without credentials");
        }
    }

    public boolean enabled() {
        return issuer != null;
    }
}
