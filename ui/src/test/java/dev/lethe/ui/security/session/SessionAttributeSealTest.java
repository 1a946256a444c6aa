package dev.lethe.ui.security.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.ui.security.UserAuthentication;
import dev.lethe.ui.signin.PendingSignIn;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;
import org.springframework.web.servlet.FlashMap;

class SessionAttributeSealTest {

    private static final String SESSION = "0b0f6a1e-3d3c-4a52-9b7e-5c1d2e3f4a5b";
    private static final String OTHER_SESSION = "ffffffff-3d3c-4a52-9b7e-5c1d2e3f4a5b";
    private static final String CONTEXT = "SPRING_SECURITY_CONTEXT";

    private final SessionCookieTag.Key key = key(1);
    private final SessionAttributeSeal seal = new SessionAttributeSeal(() -> key, known(key));

    @Test
    void aSignedInPersonComesBackAsTheSameTenantUserAndRoles() {
        UUID tenant = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        var context = new SecurityContextImpl(new UserAuthentication(tenant, user, Set.of(Role.PRIVACY_OFFICER)));

        var opened = (SecurityContext) seal.open(SESSION, CONTEXT, seal.seal(SESSION, CONTEXT, context));

        var person = (UserAuthentication) opened.getAuthentication();
        assertThat(person.tenantId()).isEqualTo(tenant);
        assertThat(person.userId()).isEqualTo(user);
        assertThat(person.roles()).containsExactly(Role.PRIVACY_OFFICER);
        assertThat(person.isAuthenticated()).isTrue();
        assertThat(person.getAuthorities())
                .isEqualTo(context.getAuthentication().getAuthorities());
    }

    @Test
    void everyTypeOnTheListComesBackEqual() {
        var request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("https://idp.example/authorize")
                .clientId("lethe")
                .redirectUri("http://127.0.0.1:8080/login/oauth2/code/sso")
                .scopes(Set.of("openid", "email"))
                .state("state-1")
                .additionalParameters(Map.of("nonce", "n-hash", "code_challenge", "c", "code_challenge_method", "S256"))
                .attributes(Map.of("registration_id", "sso", "nonce", "n", "code_verifier", "v"))
                .build();
        var pending = new PendingSignIn(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), true);
        var csrf = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token-1");

        for (Object value : List.of("user:1", Instant.now(), pending, request, new SecurityContextImpl())) {
            assertThat(roundTrip(value)).as(value.getClass().getSimpleName()).isEqualTo(value);
        }
        var token = (DefaultCsrfToken) roundTrip(csrf);
        assertThat(List.of(token.getHeaderName(), token.getParameterName(), token.getToken()))
                .containsExactly("X-CSRF-TOKEN", "_csrf", "token-1");
        assertThat(((SavedRequest) roundTrip(new SimpleSavedRequest("http://localhost/requests?continue")))
                        .getRedirectUrl())
                .isEqualTo("http://localhost/requests?continue");
    }

    @Test
    void flashMessagesComeBackInAListTheFlashMapManagerMayChange() {
        FlashMap flash = new FlashMap();
        flash.put("notice", "The legal hold is placed.");
        flash.setTargetRequestPath("/retention");
        flash.addTargetRequestParam("tab", "holds");
        flash.setExpirationTime(1234L);

        @SuppressWarnings("unchecked")
        var maps = (List<FlashMap>) roundTrip(List.of(flash));

        assertThat(maps).containsExactly(flash);
        assertThat(maps.getFirst().getTargetRequestPath()).isEqualTo("/retention");
        assertThat(maps.getFirst().getTargetRequestParams()).isEqualTo(flash.getTargetRequestParams());
        assertThat(maps.getFirst().getExpirationTime()).isEqualTo(1234L);
        maps.remove(0);
    }

    @Test
    void typesNotOnTheListAreNotStored() {
        assertThat(seal.stores(new StringBuilder("x"))).isFalse();
        assertThat(seal.stores(Map.of("a", "b"))).isFalse();
        assertThat(seal.stores(new SecurityContextImpl(
                        new org.springframework.security.authentication.TestingAuthenticationToken(
                                "a", "b", "ROLE_ADMIN"))))
                .isFalse();
    }

    @Test
    void aValueChangedInTheDatabaseDoesNotOpen() {
        var context = new SecurityContextImpl(
                new UserAuthentication(UUID.randomUUID(), UUID.randomUUID(), Set.of(Role.PRIVACY_OFFICER)));
        String stored = new String(seal.seal(SESSION, CONTEXT, context), StandardCharsets.UTF_8);

        byte[] forged = stored.replace("PRIVACY_OFFICER", "ADMIN").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> seal.open(SESSION, CONTEXT, forged)).isInstanceOf(SessionAttributeRefused.class);
    }

    @Test
    void aValueMovedToAnotherSessionOrNameDoesNotOpen() {
        byte[] stored = seal.seal(SESSION, "lethe.signedInAt", Instant.now());

        assertThatThrownBy(() -> seal.open(OTHER_SESSION, "lethe.signedInAt", stored))
                .isInstanceOf(SessionAttributeRefused.class);
        assertThatThrownBy(() -> seal.open(SESSION, "other", stored)).isInstanceOf(SessionAttributeRefused.class);
    }

    @Test
    void aValueSealedUnderAKeyNotKnownHereDoesNotOpen() {
        var elsewhere = new SessionAttributeSeal(() -> key(2), known(key(2)));
        byte[] stored = elsewhere.seal(SESSION, "name", "value");

        assertThatThrownBy(() -> seal.open(SESSION, "name", stored)).isInstanceOf(SessionAttributeRefused.class);
    }

    @Test
    void javaSerializationIsRefusedUnread() throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(new java.util.ArrayList<>(List.of("x")));
        }

        assertThatThrownBy(() -> seal.open(SESSION, CONTEXT, bytes.toByteArray()))
                .isInstanceOf(SessionAttributeRefused.class)
                .hasMessage("is not sealed");
    }

    @Test
    void aTypeNameNotOnTheListIsRefused() {
        byte[] json = "{\"type\":\"java.util.HashMap\",\"value\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new SessionAttributeCodec().decode(json)).isInstanceOf(SessionAttributeRefused.class);
    }

    private Object roundTrip(Object value) {
        assertThat(seal.stores(value)).as(value.getClass().getName()).isTrue();
        return seal.open(SESSION, "name", seal.seal(SESSION, "name", value));
    }

    private static SessionCookieTag.Key key(int seed) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) seed);
        return new SessionCookieTag.Key(new UUID(seed, seed), secret);
    }

    private static java.util.function.Function<UUID, Optional<SessionCookieTag.Key>> known(SessionCookieTag.Key key) {
        return id -> id.equals(key.id()) ? Optional.of(key) : Optional.empty();
    }
}
