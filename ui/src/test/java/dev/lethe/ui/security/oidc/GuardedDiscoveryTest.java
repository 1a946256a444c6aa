package dev.lethe.ui.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.guard.OutboundRefusedException;
import dev.lethe.ui.security.GuardedHttp;
import dev.lethe.ui.security.jwt.JwtAuthenticator;
import dev.lethe.ui.security.jwt.JwtProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single sign-on's and JWT bearer tokens' fetches (discovery document, signing keys) go through the
 * outbound guard, and their URLs must be http(s).
 */
class GuardedDiscoveryTest {

    private final OutboundGuard nothingAllowed = OutboundGuard.fromSetting("");

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/realms/x", "http://127.0.0.1:8080/realms/x", "http://10.1.2.3/"})
    void singleSignOnDoesNotReadDiscoveryFromAnInternalAddress(String issuer) {
        var registrations = new LazyClientRegistrations(oidc(issuer), nothingAllowed);

        assertThatThrownBy(() -> registrations.findByRegistrationId(OidcProperties.REGISTRATION_ID))
                .isInstanceOf(OutboundRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "gopher://example.com:70/x", "http:relative"})
    void issuersThatAreNotHttpUrlsFailAtStartUp(String issuer) {
        assertThatThrownBy(() -> oidc(issuer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lethe.security.oidc.issuer");
        assertThatThrownBy(() -> jwt(issuer, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lethe.security.jwt.issuer");
        assertThatThrownBy(() -> jwt("https://sso.example.com/realms/x", issuer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lethe.security.jwt.jwk-set-uri");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/realms/x", "http://127.0.0.1:8080/realms/x"})
    void bearerTokensDoNotFetchKeysFromAnInternalAddress(String issuer) {
        assertRefused(() -> JwtAuthenticator.decoder(jwt(issuer, null), GuardedHttp.restTemplate(nothingAllowed))
                .decode(token()));
        assertRefused(() -> JwtAuthenticator.decoder(
                        jwt("https://sso.example.com/realms/x", issuer + "/certs"),
                        GuardedHttp.restTemplate(nothingAllowed))
                .decode(token()));
    }

    private static void assertRefused(ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).satisfies(e -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof OutboundRefusedException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("refused by the guard: " + e).isInstanceOf(OutboundRefusedException.class);
        });
    }

    private static String token() {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString("{\"sub\":\"s\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + encoder.encodeToString(new byte[64]);
    }

    private static OidcProperties oidc(String issuer) {
        return new OidcProperties(URI.create(issuer), "lethe", null, List.of("openid"), "roles", "tenant", null, "SSO");
    }

    private static JwtProperties jwt(String issuer, String jwkSetUri) {
        return new JwtProperties(
                URI.create(issuer),
                jwkSetUri == null ? null : URI.create(jwkSetUri),
                List.of("lethe-api"),
                "tenant",
                "roles",
                "scope",
                Duration.ofSeconds(60));
    }
}
