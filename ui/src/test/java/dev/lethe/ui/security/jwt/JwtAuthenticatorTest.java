package dev.lethe.ui.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.audit.Actor;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class JwtAuthenticatorTest {

    private static final String ISSUER = "https://sso.example.com/realms/acme";
    private static final UUID TENANT = UUID.randomUUID();
    private static final RSAKey RSA = generateRsa();
    private static final ECKey EC = generateEc();

    private final JwtProperties properties = new JwtProperties(
            URI.create(ISSUER), null, List.of("lethe-api"), "tenant", "realm_access.roles", "scope", Duration.ZERO);
    private final JwtAuthenticator authenticator = authenticator(properties);

    @Test
    void acceptsAnRs256TokenAndMapsTenantRolesAndScopes() throws Exception {
        JwtAuthentication authentication = authenticator.authenticate(rs256(claims(c -> c)));

        assertThat(authentication.tenantId()).isEqualTo(TENANT);
        assertThat(authentication.roles()).containsExactly(Role.PRIVACY_OFFICER);
        assertThat(authentication.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.WRITE);
        assertThat(authentication.actor()).isEqualTo(Actor.apiKey("jwt:service-1"));
        assertThat(authentication.getAuthorities())
                .extracting(Object::toString)
                .contains("ROLE_PRIVACY_OFFICER", "SCOPE_read", "SCOPE_write");
    }

    @Test
    void acceptsAnEs256Token() throws Exception {
        JWSSigner signer = new ECDSASigner(EC);
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(EC.getKeyID()).build(), claims(c -> c));
        jwt.sign(signer);

        assertThat(authenticator.authenticate(jwt.serialize()).roles()).containsExactly(Role.PRIVACY_OFFICER);
    }

    @Test
    void refusesAWrongIssuerAWrongAudienceAndAnExpiredToken() throws Exception {
        assertRefused(rs256(claims(c -> c.issuer("https://evil.example.com/realms/acme"))), 401);
        assertRefused(rs256(claims(c -> c.audience("another-service"))), 401);
        assertRefused(rs256(claims(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(5))))), 401);
        assertRefused(rs256(claims(c -> c.expirationTime(null))), 401);
    }

    @Test
    void refusesAlgNoneAndHs256EvenWithClaimsThatWouldPass() throws Exception {
        String none = new PlainJWT(claims(c -> c)).serialize();
        var hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(c -> c));
        // The classic confusion attack: the public key's bytes as the HMAC secret.
        hs256.sign(new MACSigner(RSA.toPublicJWK().toJSONString().getBytes()));

        assertRefused(none, 401);
        assertRefused(hs256.serialize(), 401);
    }

    @Test
    void refusesAnRs256TokenWhoseSignatureWasTamperedWith() throws Exception {
        String[] parts = rs256(claims(c -> c)).split("\\.");
        String forged = Base64URL.encode(claims(c -> c.claim("realm_access", Map.of("roles", List.of("ADMIN"))))
                        .toString())
                .toString();

        assertRefused(parts[0] + "." + forged + "." + parts[2], 401);
    }

    @Test
    void refusesATokenWithoutAKnownTenantAndOneWithoutARole() throws Exception {
        assertRefused(rs256(claims(c -> c.claim("tenant", null))), 401);
        assertRefused(rs256(claims(c -> c.claim("tenant", "unknown"))), 401);
        assertRefused(rs256(claims(c -> c.claim("realm_access", Map.of("roles", List.of("offline_access"))))), 403);
    }

    @Test
    void grantedLetheScopesNarrowWhatTheRolesGive() throws Exception {
        JwtAuthentication admin = authenticator.authenticate(rs256(claims(
                c -> c.claim("realm_access", Map.of("roles", List.of("admin"))).claim("scope", "openid lethe:read"))));
        JwtAuthentication fullAdmin = authenticator.authenticate(rs256(
                claims(c -> c.claim("realm_access", Map.of("roles", List.of("ADMIN"))))));

        assertThat(admin.roles()).containsExactly(Role.ADMIN);
        assertThat(admin.scopes()).containsExactly(Scope.READ);
        assertThat(fullAdmin.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.WRITE, Scope.ADMIN);
    }

    @Test
    void tellsJwtsFromApiKeys() throws Exception {
        assertThat(JwtAuthenticator.looksLikeJwt(rs256(claims(c -> c)))).isTrue();
        assertThat(JwtAuthenticator.looksLikeJwt(new PlainJWT(claims(c -> c)).serialize()))
                .isTrue();
        assertThat(JwtAuthenticator.looksLikeJwt("it-admin-0123456789abcdef")).isFalse();
        assertThat(JwtAuthenticator.looksLikeJwt("a.b.c")).isFalse();
    }

    @Test
    void anIssuerWithoutAnAudienceDoesNotStart() {
        assertThatThrownBy(() -> new JwtProperties(
                        URI.create(ISSUER), null, List.of(), "tenant", "roles", "scope", Duration.ofSeconds(60)))
                .hasMessageContaining("lethe.security.jwt.audiences");
    }

    private void assertRefused(String token, int status) {
        assertThatThrownBy(() -> authenticator.authenticate(token))
                .isInstanceOfSatisfying(
                        JwtAuthenticator.Refused.class,
                        e -> assertThat(e.status()).isEqualTo(status));
    }

    /** The production validator and algorithms over an in-memory key set instead of a JWKS URL. */
    private static JwtAuthenticator authenticator(JwtProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(
                        new ImmutableJWKSet<>(new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK()))))
                .jwsAlgorithms(algorithms -> algorithms.addAll(JwtAuthenticator.ALGORITHMS))
                .build();
        decoder.setJwtValidator(JwtAuthenticator.validator(properties));
        return new JwtAuthenticator(
                properties, decoder, value -> value.equals("acme") ? Optional.of(TENANT) : Optional.empty());
    }

    private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        var builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("service-1")
                .audience(List.of("lethe-api", "account"))
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .issueTime(new Date())
                .claim("tenant", "acme")
                .claim("realm_access", Map.of("roles", List.of("PRIVACY_OFFICER", "offline_access")));
        return change.apply(builder).build();
    }

    private static String rs256(JWTClaimsSet claims) throws Exception {
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(RSA.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(RSA));
        return jwt.serialize();
    }

    private static RSAKey generateRsa() {
        try {
            return new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
