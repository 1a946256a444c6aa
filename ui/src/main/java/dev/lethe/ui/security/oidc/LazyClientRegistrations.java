package dev.lethe.ui.security.oidc;

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
    private volatile ClientRegistration registration;

    LazyClientRegistrations(OidcProperties properties) {
        this.properties = properties;
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

    private ClientRegistration build() {
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
