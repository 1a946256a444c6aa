package dev.lethe.app.security;

import static dev.lethe.app.security.AuthorizationMatrixIT.Expect.ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.SsoIntegrationTest;
import dev.lethe.app.security.AuthorizationMatrixIT.Caller;
import dev.lethe.app.security.AuthorizationMatrixIT.Expect;
import dev.lethe.app.security.AuthorizationMatrixIT.Row;
import dev.lethe.catalog.tenant.Tenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.ObjectMapper;

/**
 * {@link AuthorizationMatrixIT}'s matrix, each tenant row called with JWT access tokens of the
 * identity provider instead of API keys: one user per role (a token gives read and write, and
 * admin to ADMIN, as a key with every scope does), so the same expectations hold. The KEK rows
 * (platform keys of the default tenant) stay with the API keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAuthorizationMatrixIT extends SsoIntegrationTest {

    private static final List<Caller> ROLES =
            List.of(Caller.ADMIN, Caller.PRIVACY_OFFICER, Caller.ENGINEER, Caller.AUDITOR);
    private static final Map<Caller, String> USERS = Map.of(
            Caller.ADMIN, "admin@example.com",
            Caller.PRIVACY_OFFICER, "officer@example.com",
            Caller.ENGINEER, "engineer@example.com",
            Caller.AUDITOR, "auditor@example.com");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    Tenants tenants;

    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    private Instant tokensIssued = Instant.EPOCH;
    private String vaultToken;

    @BeforeAll
    void tokensOfEveryRole() {
        ssoTenant(tenants);
        HttpResponse<String> tokenized =
                send("POST", "/api/v1/vault/tokenize", AuthorizationMatrixIT.TOKENIZE, token(Caller.ENGINEER));
        assertThat(tokenized.statusCode()).as(tokenized.body()).isEqualTo(200);
        vaultToken = new ObjectMapper().readTree(tokenized.body()).get("token").asString();
    }

    static Stream<Arguments> matrix() {
        return Arrays.stream(AuthorizationMatrixIT.MATRIX)
                .filter(row -> !row.platform())
                .flatMap(row -> ROLES.stream()
                        .map(caller -> Arguments.of(
                                row.method(), row.path(), caller.name(), row.expected()[caller.ordinal()], row)));
    }

    @ParameterizedTest(name = "{0} {1} as {2}'s token → {3}")
    @MethodSource("matrix")
    void eachRolesTokenGetsWhatTheMatrixSays(String method, String path, String callerName, Expect expected, Row row) {
        String body = row.body() == null ? null : row.body().replace(AuthorizationMatrixIT.TOKEN, vaultToken);

        HttpResponse<String> response = send(method, path, body, token(Caller.valueOf(callerName)));

        String what = method + " " + path + " as " + callerName + " answered " + response.statusCode() + " "
                + response.body();
        if (expected == ALLOWED) {
            assertThat(response.statusCode()).as(what).isNotIn(401, 403);
        } else {
            assertThat(response.statusCode()).as(what).isEqualTo(403);
        }
    }

    /** The realm's tokens live five minutes: fresh ones well before that. */
    private synchronized String token(Caller caller) {
        if (Duration.between(tokensIssued, Instant.now()).compareTo(Duration.ofMinutes(3)) > 0) {
            tokens.clear();
            tokensIssued = Instant.now();
        }
        return tokens.computeIfAbsent(caller, c -> userToken(USERS.get(c)));
    }

    private HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
