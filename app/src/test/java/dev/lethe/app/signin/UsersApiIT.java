package dev.lethe.app.signin;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ui.signin.Totp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code /api/v1/users} against the whole application: an ADMIN invites a person, who sets up their
 * account through the link and signs in; disabling them, changing their roles or resetting their second
 * factor ends their sessions at once.
 */
class UsersApiIT extends AppIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = SignInIT.PASSWORD;
    private static final Pattern MANUAL_KEY = Pattern.compile("id=\"manual-key\">([A-Z2-7 ]+)<");

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private Tenant tenant;
    private String adminKey;

    @BeforeEach
    void tenantAndAdminKey() {
        tenant = tenants.create(UniqueNames.of("users"), "Users API test");
        adminKey = "users-admin-" + UUID.randomUUID();
        as(tenant.id(), () -> apiKeys.ensure(tenant.id(), "admin", adminKey, Set.of(Role.ADMIN), Scope.all()));
    }

    @Test
    void anInvitedPersonSetsUpTheirAccountAndDisablingThemEndsTheirSession() {
        JsonNode invited = invite("ivy@example.org", "Ivy", List.of("PRIVACY_OFFICER"));
        String id = invited.get("user").get("id").asString();
        assertThat(invited.get("user").get("status").asString()).isEqualTo("INVITED");
        assertThat(invited.get("user").get("secondFactor").asBoolean()).isFalse();

        WebClient browser = new WebClient(port);
        signUpAndEnrol(browser, invited.get("setupLink").asString());
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        JsonNode listed = JSON.readTree(api("GET", "/api/v1/users", null).body());
        assertThat(listed.findValuesAsString("email")).contains("ivy@example.org");
        JsonNode active = JSON.readTree(api("GET", "/api/v1/users/" + id, null).body());
        assertThat(active.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(active.get("secondFactor").asBoolean()).isTrue();
        assertThat(active.toString()).doesNotContain("argon2").doesNotContain("totp");

        HttpResponse<String> disabled = api("PUT", "/api/v1/users/" + id, "{\"status\":\"DISABLED\"}");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(JSON.readTree(disabled.body()).get("status").asString()).isEqualTo("DISABLED");

        assertThat(browser.get("/").statusCode()).as("the session ended").isEqualTo(302);
        browser.get("/sign-in?tenant=" + tenant.slug());
        HttpResponse<String> refused = browser.post(
                "/sign-in", Map.of("tenant", tenant.slug(), "email", "ivy@example.org", "password", PASSWORD));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(actions(id))
                .contains(
                        "user.invited", "user.password.set", "user.signed_in", "user.disabled", "user.sessions.ended");
    }

    @Test
    void changingRolesEndsSessionsAndResettingTheSecondFactorMeansEnrollingAgain() {
        JsonNode invited = invite("eve@example.org", "Eve", List.of("ENGINEER"));
        String id = invited.get("user").get("id").asString();
        WebClient browser = new WebClient(port);
        signUpAndEnrol(browser, invited.get("setupLink").asString());

        HttpResponse<String> roles = api("PUT", "/api/v1/users/" + id, "{\"roles\":[\"ENGINEER\",\"AUDITOR\"]}");
        assertThat(JSON.readTree(roles.body()).get("roles").toString()).contains("AUDITOR");
        assertThat(browser.get("/").statusCode()).isEqualTo(302);

        HttpResponse<String> reset = api("PUT", "/api/v1/users/" + id, "{\"resetSecondFactor\":true}");
        assertThat(JSON.readTree(reset.body()).get("secondFactor").asBoolean()).isFalse();
        browser.get("/sign-in?tenant=" + tenant.slug());
        HttpResponse<String> again = browser.post(
                "/sign-in", Map.of("tenant", tenant.slug(), "email", "eve@example.org", "password", PASSWORD));
        assertThat(again.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in/enrol"));
    }

    @Test
    void refusesBadInvitationsAndUnknownUsers() throws Exception {
        invite("dup@example.org", "Dup", List.of("AUDITOR"));

        assertThat(api(
                                "POST",
                                "/api/v1/users",
                                "{\"email\":\"DUP@example.org\",\"displayName\":\"D\",\"roles\":[\"AUDITOR\"]}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(api("POST", "/api/v1/users", "{\"email\":\"x@example.org\",\"displayName\":\"X\",\"roles\":[]}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api(
                                "POST",
                                "/api/v1/users",
                                "{\"email\":\"x@example.org\",\"displayName\":\"X\",\"roles\":[\"KING\"]}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api(
                                "POST",
                                "/api/v1/users",
                                "{\"email\":\"not-an-address\",\"displayName\":\"X\",\"roles\":[\"AUDITOR\"]}")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> unknown = api("PUT", "/api/v1/users/" + UUID.randomUUID(), "{\"status\":\"DISABLED\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        // Another tenant's ADMIN key sees none of this tenant's people.
        JsonNode other = JSON.readTree(get("/api/v1/users", ADMIN_KEY).body());
        assertThat(other.findValuesAsString("email")).doesNotContain("dup@example.org");
    }

    private void signUpAndEnrol(WebClient browser, String link) {
        String path = URI.create(link).getPath();
        browser.get(path);
        HttpResponse<String> chosen =
                browser.post(path, Map.of("displayName", "Invited Person", "password", PASSWORD, "repeat", PASSWORD));
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(302);
        Matcher key = MANUAL_KEY.matcher(browser.get("/sign-in/enrol").body());
        assertThat(key.find()).isTrue();
        byte[] secret = Totp.secretOfManualKey(key.group(1));
        HttpResponse<String> enrolled =
                browser.post("/sign-in/enrol", Map.of("code", Totp.code(secret, Totp.step(Instant.now()))));
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
    }

    private JsonNode invite(String email, String name, List<String> roles) {
        HttpResponse<String> response = api(
                "POST",
                "/api/v1/users",
                JSON.writeValueAsString(Map.of("email", email, "displayName", name, "roles", roles)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("setupLink").asString()).contains("/setup/");
        return body;
    }

    private HttpResponse<String> api(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> actions(String userId) {
        return owner().select(AUDIT_ENTRY.ACTION)
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .and(AUDIT_ENTRY.TARGET.eq("user:" + userId))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetch(AUDIT_ENTRY.ACTION);
    }
}
