package dev.lethe.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.infra.testing.TestKeycloak;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The test support's Keycloak issues tokens with the claims the realm file promises. */
class KeycloakServerIT {

    @Test
    void issuesSignedTokensWithRolesTenantAndAudienceForUsersAndServices() {
        KeycloakServer keycloak = TestKeycloak.server();

        String user = keycloak.passwordToken(
                TestKeycloak.REALM,
                "lethe-api-client",
                "api-client-secret",
                "officer@example.com",
                TestKeycloak.PASSWORD);
        String service = keycloak.clientToken(TestKeycloak.REALM, "lethe-api-client", "api-client-secret");

        assertThat(header(user)).contains("\"alg\":\"RS256\"");
        assertThat(payload(user))
                .contains("\"iss\":\"" + keycloak.issuer(TestKeycloak.REALM) + "\"")
                .contains("\"tenant\":\"sso-test\"")
                .contains("PRIVACY_OFFICER")
                .contains(TestKeycloak.AUDIENCE);
        assertThat(payload(service)).contains("ENGINEER").contains("\"tenant\":\"sso-test\"");
    }

    @Test
    void refusesAWrongPassword() {
        KeycloakServer keycloak = TestKeycloak.server();

        assertThatThrownBy(() -> keycloak.passwordToken(
                        TestKeycloak.REALM, "lethe-api-client", "api-client-secret", "officer@example.com", "wrong"))
                .hasMessageContaining("401");
    }

    private static String header(String jwt) {
        return decode(jwt.split("\\.")[0]);
    }

    private static String payload(String jwt) {
        return decode(jwt.split("\\.")[1]);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
