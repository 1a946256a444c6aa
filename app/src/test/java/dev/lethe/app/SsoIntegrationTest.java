package dev.lethe.app;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.KeycloakServer;
import dev.lethe.infra.testing.TestKeycloak;
import java.net.URI;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with the test support's Keycloak as its identity provider: JWT bearer
 * tokens of the {@value TestKeycloak#REALM} realm on the API, and OIDC sign-in through its {@code
 * lethe-web} client. A context of its own (the JWT and OIDC settings differ from {@link
 * AppIntegrationTest}'s), shared by every subclass.
 */
public abstract class SsoIntegrationTest extends AppIntegrationTest {

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        KeycloakServer keycloak = TestKeycloak.server();
        registry.add("lethe.security.jwt.issuer", () -> keycloak.issuer(TestKeycloak.REALM));
        registry.add("lethe.security.jwt.audiences", () -> TestKeycloak.AUDIENCE);
        // Expiry exactly: the short-lived client's tokens live 5 s, and the test waits for them to end.
        registry.add("lethe.security.jwt.clock-skew", () -> "0s");
        registry.add("lethe.security.oidc.issuer", () -> keycloak.issuer(TestKeycloak.REALM));
        registry.add("lethe.security.oidc.client-id", () -> "lethe-web");
        registry.add("lethe.security.oidc.client-secret", () -> "web-secret");
        // The provider runs on loopback: allowed through the outbound guard, as an administrator would.
        registry.add("lethe.test.extra-allowed-targets", () -> {
            URI url = URI.create(keycloak.url());
            return url.getHost() + ":" + url.getPort();
        });
    }

    protected static KeycloakServer keycloak() {
        return TestKeycloak.server();
    }

    /** The tenant the realm's tokens name, created on first use. */
    protected static synchronized UUID ssoTenant(Tenants tenants) {
        return tenants.findBySlug(TestKeycloak.TENANT)
                .map(Tenant::id)
                .orElseGet(() -> tenants.create(TestKeycloak.TENANT, "Single sign-on test tenant")
                        .id());
    }

    /** An access token of the realm's API client for one of its users. */
    protected static String userToken(String email) {
        return keycloak()
                .passwordToken(
                        TestKeycloak.REALM, "lethe-api-client", "api-client-secret", email, TestKeycloak.PASSWORD);
    }
}
