package dev.lethe.ui.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class OidcPropertiesTest {

    private static final URI ISSUER = URI.create("https://sso.example.com/realms/acme");

    @Test
    void offWithoutAnIssuer() {
        var properties = new OidcProperties(null, null, null, null, "roles", "tenant", null, "Single sign-on");

        assertThat(properties.enabled()).isFalse();
        assertThat(properties.scopes()).containsExactly("openid", "profile", "email");
    }

    @Test
    void anIssuerNeedsAClientIdAndTheOpenidScope() {
        assertThatThrownBy(() -> new OidcProperties(ISSUER, " ", null, null, "roles", "tenant", null, "SSO"))
                .hasMessageContaining("lethe.security.oidc.client-id");
        assertThatThrownBy(() ->
                        new OidcProperties(ISSUER, "lethe", null, List.of("email"), "roles", "tenant", null, "SSO"))
                .hasMessageContaining("openid");
    }

    @Test
    void theClientSecretNeverShowsInText() {
        var properties = new OidcProperties(ISSUER, "lethe", "s3cret-value", null, "roles", "tenant", "default", "SSO");

        assertThat(properties.toString()).doesNotContain("s3cret-value").contains("******");
    }
}
