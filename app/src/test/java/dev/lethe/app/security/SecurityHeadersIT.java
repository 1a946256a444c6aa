package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.PageMatrix;
import dev.lethe.app.web.People;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The security headers on every response through the real HTTP stack: every page of the page matrix
 * (signed in, and as a visitor), every API row of the authorization matrix (with a key, and without),
 * the open pages, the portal, static files, the API description, the actuator, and the error answers
 * (an unknown path, a 405, a bad JSON body, a 401, a 403). Pages carry the strict page policy, the API
 * and the actuator {@code default-src 'none'}; all of them nosniff, DENY framing, no referrer, a
 * Permissions-Policy and, but for static files, {@code Cache-Control: no-store}. And CORS is off: a
 * foreign page's preflight gets no {@code Access-Control-Allow-Origin}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersIT extends AppIntegrationTest {

    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** The record of processing as a self-contained HTML document: its own inline styles only. */
    static final String DOCUMENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    static final String API_DESCRIPTION_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter securityFilters;

    private Tenant tenant;
    private WebClient admin;
    private String adminKey;
    private String auditorKey;

    @BeforeAll
    void aSignedInAdminAndKeys() {
        tenant = tenants.create(UniqueNames.of("headers"), "Security headers test");
        admin = People.signIn(port, people().create(tenant, "Headers admin", Role.ADMIN));
        adminKey = key(Role.ADMIN);
        auditorKey = key(Role.AUDITOR);
    }

    static Stream<PageMatrix.Row> pages() {
        return PageMatrix.rows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void everyPageCarriesThePageHeaders(PageMatrix.Row row) {
        String path = row.concretePath();
        HttpResponse<String> signedIn = row.method().equals("GET") ? admin.get(path) : admin.post(path, Map.of());
        if (path.endsWith(".html")) {
            assertCommonHeaders(row + " signed in", signedIn, true);
            assertThat(signedIn.headers().allValues("Content-Security-Policy")).containsExactly(DOCUMENT_POLICY);
        } else {
            assertPageHeaders(row + " signed in", signedIn);
        }

        HttpResponse<String> visitor = send(row.method(), path, null, null, Map.of());
        assertPageHeaders(row + " as a visitor", visitor);
    }

    static Stream<Arguments> apiRows() {
        return Arrays.stream(AuthorizationMatrixIT.MATRIX)
                .filter(row -> !row.platform())
                .map(row -> Arguments.of(row.method(), row.path(), row.body()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("apiRows")
    void everyApiAnswerCarriesTheApiHeaders(String method, String path, String body) {
        // A detokenize row names a token the matrix made; any token will do for the headers.
        String sent = body == null ? null : body.replace(AuthorizationMatrixIT.TOKEN, "tok_nothing");

        assertApiHeaders(method + " " + path + " with a key", send(method, path, sent, adminKey, Map.of()));
        assertApiHeaders(method + " " + path + " without a key", send(method, path, sent, null, Map.of()));
    }

    static Stream<Arguments> openPaths() {
        return Stream.of(
                Arguments.of("/sign-in", true),
                Arguments.of("/sign-in/second-factor", true),
                Arguments.of("/setup/" + "A".repeat(43), true),
                Arguments.of("/privacy/default", true),
                Arguments.of("/privacy/default/new/access", true),
                Arguments.of("/privacy/default/status/" + "A".repeat(43), true),
                Arguments.of("/privacy/no-such-tenant", true),
                Arguments.of("/no-such-page", true),
                Arguments.of("/css/lethe.css", false),
                Arguments.of("/js/htmx.min.js", false),
                Arguments.of("/favicon.ico", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openPaths")
    void openPagesStaticFilesAndTheApiDescriptionCarryThePageHeaders(String path, boolean noStore) {
        HttpResponse<String> response = send("GET", path, null, null, Map.of());

        assertCommonHeaders(path, response, noStore);
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .as(path)
                .hasValue(PAGE_POLICY);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v3/api-docs", "/swagger-ui/index.html", "/swagger-ui.html"})
    void theApiDescriptionCarriesItsOwnPolicy(String path) {
        HttpResponse<String> response = send("GET", path, null, null, Map.of());

        assertCommonHeaders(path, response, true);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(API_DESCRIPTION_POLICY);
    }

    @Test
    void aSignedInPersonsUnknownPageCarriesThePageHeaders() {
        HttpResponse<String> response = admin.get("/no-such-page");

        assertThat(response.statusCode()).isEqualTo(404);
        assertPageHeaders("unknown page", response);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("unknown API path", "GET", "/api/v1/no-such-thing", null, "admin", 404),
                Arguments.of("method not allowed", "PATCH", "/api/v1/systems", "{}", "admin", 405),
                Arguments.of("bad JSON", "POST", "/api/v1/systems", "{\"name\":", "admin", 400),
                Arguments.of("no credential", "GET", "/api/v1/systems", null, null, 401),
                Arguments.of("unknown key", "GET", "/api/v1/systems", null, "not-a-key-" + "x".repeat(30), 401),
                Arguments.of("role refused", "POST", "/api/v1/systems", "{}", "auditor", 403),
                Arguments.of("actuator health", "GET", "/actuator/health", null, null, 200),
                Arguments.of("actuator without a key", "GET", "/actuator/info", null, null, 401),
                Arguments.of("actuator unknown", "GET", "/actuator/no-such-endpoint", null, "admin", 404),
                Arguments.of("unknown callback", "POST", "/api/v1/callbacks/" + "A".repeat(43), "{}", null, 404),
                Arguments.of("unknown package link", "GET", "/api/v1/packages/" + "A".repeat(43), null, null, 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void errorAnswersCarryTheApiHeaders(String what, String method, String path, String body, String who, int status) {
        String key = switch (who == null ? "" : who) {
            case "admin" -> adminKey;
            case "auditor" -> auditorKey;
            case "" -> null;
            default -> who;
        };

        HttpResponse<String> response = send(method, path, body, key, Map.of());

        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
        assertApiHeaders(what, response);
    }

    @Test
    void httpsAnswersCarryHstsAndPlainHttpOnesDoNot() throws Exception {
        for (String path : List.of("/sign-in", "/api/v1/systems", "/privacy/default")) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
            request.setServletPath(path);
            request.setSecure(true);
            request.setScheme("https");
            request.setServerPort(443);
            MockHttpServletResponse response = new MockHttpServletResponse();

            securityFilters.doFilter(request, response, new MockFilterChain());

            assertThat(response.getHeader("Strict-Transport-Security"))
                    .as(path + " over HTTPS")
                    .isEqualTo("max-age=31536000 ; includeSubDomains");
            assertThat(send("GET", path, null, null, Map.of()).headers().firstValue("Strict-Transport-Security"))
                    .as(path + " over plain HTTP")
                    .isEmpty();
        }
    }

    @Test
    void aForeignOriginsPreflightIsNotAnsweredByDefault() {
        HttpResponse<String> preflight = send(
                "OPTIONS",
                "/api/v1/systems",
                null,
                null,
                Map.of(
                        "Origin",
                        "https://evil.example",
                        "Access-Control-Request-Method",
                        "POST",
                        "Access-Control-Request-Headers",
                        "authorization,content-type"));
        HttpResponse<String> call =
                send("GET", "/api/v1/systems", null, adminKey, Map.of("Origin", "https://evil.example"));

        assertThat(preflight.statusCode()).as(preflight.body()).isIn(401, 403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(call.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
    }

    private void assertPageHeaders(String what, HttpResponse<String> response) {
        assertCommonHeaders(what, response, true);
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .as(what)
                .hasValue(PAGE_POLICY);
    }

    static void assertApiHeaders(String what, HttpResponse<String> response) {
        assertCommonHeaders(what, response, true);
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .as(what)
                .hasValue(API_POLICY);
    }

    static void assertCommonHeaders(String what, HttpResponse<String> response, boolean noStore) {
        String described = what + " (" + response.statusCode() + ")";
        var headers = response.headers();
        assertThat(headers.firstValue("X-Content-Type-Options")).as(described).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).as(described).hasValue("DENY");
        assertThat(headers.firstValue("Referrer-Policy")).as(described).hasValue("no-referrer");
        assertThat(headers.firstValue("Permissions-Policy"))
                .as(described)
                .hasValueSatisfying(
                        policy -> assertThat(policy).contains("camera=()", "microphone=()", "geolocation=()"));
        assertThat(headers.allValues("Content-Security-Policy"))
                .as(described + ": one policy")
                .hasSize(1);
        if (noStore) {
            assertThat(String.join(",", headers.allValues("Cache-Control")))
                    .as(described)
                    .contains("no-store");
        }
    }

    private String key(Role role) {
        String secret = "headers-" + HexFormat.of().formatHex(randomBytes(20));
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), UniqueNames.of("headers"), secret, Set.of(role), Scope.all()));
        return secret;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    HttpResponse<String> send(String method, String path, String body, String key, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
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
