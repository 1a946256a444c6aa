package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lethe.app.SsoIntegrationTest;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestKeycloak;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * JWT bearer tokens from a real issuer (the test support's Keycloak) on the API: its tokens are
 * accepted with the roles and tenant they carry; a token of another issuer, for another audience,
 * expired, unsigned ({@code alg: none}) or HMAC-signed is refused, and API keys keep working.
 */
class JwtBearerIT extends SsoIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    Tenants tenants;

    @BeforeEach
    void tenantOfTheRealm() {
        ssoTenant(tenants);
    }

    @Test
    void aUsersTokenActsWithTheRolesAndTenantItCarries() throws Exception {
        String officer = userToken("officer@example.com");
        String engineer = userToken("engineer@example.com");

        assertThat(get("/api/v1/requests", officer).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/audit", officer).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/systems", engineer).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/audit", engineer).statusCode()).isEqualTo(403);
    }

    @Test
    void aServiceTokenOfTheClientCredentialsGrantIsAccepted() throws Exception {
        String service = keycloak().clientToken(TestKeycloak.REALM, "lethe-api-client", "api-client-secret");

        assertThat(get("/api/v1/systems", service).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/requests", service).statusCode())
                .as("an ENGINEER's")
                .isEqualTo(403);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() throws Exception {
        String other = keycloak()
                .passwordToken(
                        TestKeycloak.OTHER_REALM,
                        "lethe-api-client",
                        "api-client-secret",
                        "admin@example.com",
                        TestKeycloak.PASSWORD);

        assertUnauthorized(get("/api/v1/systems", other));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        String token = keycloak()
                .passwordToken(
                        TestKeycloak.REALM,
                        "lethe-no-audience",
                        "no-audience-secret",
                        "admin@example.com",
                        TestKeycloak.PASSWORD);

        assertUnauthorized(get("/api/v1/systems", token));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = keycloak()
                .passwordToken(
                        TestKeycloak.REALM,
                        "lethe-short-lived",
                        "short-lived-secret",
                        "admin@example.com",
                        TestKeycloak.PASSWORD);
        Instant expires = JWTClaimsSet.parse(
                        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
                .getExpirationTime()
                .toInstant();
        HttpResponse<String> whileItLives = get("/api/v1/systems", token);
        // On a slow machine the answer may come after the token ended: only then is a 401 right.
        if (Instant.now().isBefore(expires)) {
            assertThat(whileItLives.statusCode()).as("while it lives").isEqualTo(200);
        }

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 1_000);

        assertUnauthorized(get("/api/v1/systems", token));
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRefused() throws Exception {
        String[] parts = userToken("admin@example.com").split("\\.");
        String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";

        assertUnauthorized(get("/api/v1/systems", none));
    }

    @Test
    void anHs256TokenWithTheIssuersClaimsIsRefused() throws Exception {
        String[] parts = userToken("admin@example.com").split("\\.");
        JWTClaimsSet claims =
                JWTClaimsSet.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        var hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        // The key-confusion attack: the issuer's public key set, which anyone can fetch, as the HMAC key.
        hs256.sign(new MACSigner(jwks().getBytes(StandardCharsets.UTF_8)));

        assertUnauthorized(get("/api/v1/systems", hs256.serialize()));
    }

    @Test
    void aTokenWithoutATenantAndOneWithoutARoleAreRefused() throws Exception {
        String noTenant = keycloak()
                .passwordToken(
                        TestKeycloak.REALM,
                        "lethe-no-tenant",
                        "no-tenant-secret",
                        "admin@example.com",
                        TestKeycloak.PASSWORD);

        assertUnauthorized(get("/api/v1/systems", noTenant));
        assertThat(get("/api/v1/systems", userToken("nobody@example.com")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void apiKeysKeepWorkingBesideTokens() throws Exception {
        assertThat(get("/api/v1/systems", ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/systems", "not-a-key-and-not-a-jwt").statusCode())
                .isEqualTo(401);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    private static String jwks() throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(keycloak().jwkSetUri(TestKeycloak.REALM)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
