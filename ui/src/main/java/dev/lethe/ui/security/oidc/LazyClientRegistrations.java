package dev.lethe.ui.security.oidc;

import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.ui.security.GuardedHttp;
import java.net.URI;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The one client registration, built from the provider's discovery document when the first person
 * signs in rather than at start-up: Lethe starts (and serves API keys and passwords) while the
 * provider is away, and a failed look-up is tried again at the next sign-in. Thread-safe.
 */
final class LazyClientRegistrations implements ClientRegistrationRepository {

    private final OidcProperties properties;
    private final OutboundGuard guard;
    private volatile ClientRegistration registration;

    LazyClientRegistrations(OidcProperties properties, OutboundGuard guard) {
        this.properties = properties;
        this.guard = guard;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!OidcProperties.REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration found = registration;
        if (found == null) {
            synchronized (this) {
                if (registration == null) {
                    registration = build();
                }
                found = registration;
            }
        }
        return found;
    }

    /**
     * The discovery document is read only from an issuer the outbound guard lets through, and the
     * server-side endpoints it names (token, keys, user info) must pass the guard too: a provider (or
     * whoever answers for it) cannot point Lethe at an internal address.
     */
    ClientRegistration build() {
        GuardedHttp.check(guard, properties.issuer());
        ClientRegistration built = discover();
        var provider = built.getProviderDetails();
        for (String endpoint : new String[] {
            provider.getTokenUri(),
            provider.getJwkSetUri(),
            provider.getUserInfoEndpoint().getUri()
        }) {
            if (endpoint != null && !endpoint.isBlank()) {
                GuardedHttp.check(guard, URI.create(endpoint));
            }
        }
        return built;
    }

    private ClientRegistration discover() {
        boolean secret =
                properties.clientSecret() != null && !properties.clientSecret().isBlank();
        return ClientRegistrations.fromOidcIssuerLocation(properties.issuer().toString())
                .registrationId(OidcProperties.REGISTRATION_ID)
                .clientId(properties.clientId())
                .clientSecret(secret ? properties.clientSecret() : null)
                .clientAuthenticationMethod(
                        secret ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC : ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(properties.scopes())
                .clientName(properties.label())
                .build();
    }
}
