package dev.lethe.ui.security.oidc;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on through an OpenID Connect provider ({@code lethe.security.oidc.*}), off unless
 * {@code issuer} is set: authorization code with PKCE (S256), people mapped to local accounts by
 * the provider's issuer and subject.
 *
 * @param issuer the provider's issuer; its discovery document is read when the first person signs in
 * @param clientId Lethe's client id at the provider; required with an issuer
 * @param clientSecret the client's secret; null for a public client (PKCE alone)
 * @param scopes the scopes asked for; {@code openid} must be among them
 * @param rolesClaim the claim (in the ID token or the user info) listing the person's Lethe roles; a
 *     dotted path reaches into objects; people without a Lethe role are not let in
 * @param tenantClaim the claim naming the person's tenant (slug or id) on their first sign-in
 * @param defaultTenant the tenant (slug or id) of people whose provider sends no tenant claim; null:
 *     such people are not let in
 * @param label what the sign-in page's button says
 */
@ConfigurationProperties("lethe.security.oidc")
public record OidcProperties(
        URI issuer,
        String clientId,
        String clientSecret,
        @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("tenant") String tenantClaim,
        String defaultTenant,
        @DefaultValue("Single sign-on") String label) {

    /** The id of the one client registration: {@code /oauth2/authorization/sso} starts a sign-in. */
    public static final String REGISTRATION_ID = "sso";

    public OidcProperties {
        scopes = scopes == null ? List.of("openid", "profile", "email") : List.copyOf(scopes);
        if (issuer != null) {
            String scheme = issuer.getScheme() == null ? "" : issuer.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http"))
                    || issuer.getHost() == null
                    || issuer.getRawUserInfo() != null) {
                throw new IllegalArgumentException(
                        "lethe.security.oidc.issuer must be an http(s) URL with a host and without credentials");
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException(
                        "lethe.security.oidc.client-id is required when lethe.security.oidc.issuer is set");
            }
            if (!scopes.contains("openid")) {
                throw new IllegalArgumentException("lethe.security.oidc.scopes must contain openid");
            }
        }
    }

    public boolean enabled() {
        return issuer != null;
    }

    @Override
    public String toString() {
        return "OidcProperties[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "null" : "******") + ", scopes=" + scopes + ", rolesClaim=" + rolesClaim
                + ", tenantClaim=" + tenantClaim + ", defaultTenant=" + defaultTenant + "]";
    }
}
