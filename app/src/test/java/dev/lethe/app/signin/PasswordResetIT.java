package dev.lethe.app.signin;

import static dev.lethe.catalog.jooq.Tables.APP_USER_SETUP_TOKEN;
import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.app.web.People.Person;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An ADMIN resets a person's forgotten or compromised password ({@code POST /api/v1/users/{id}/password-reset}
 * and the users page), against the whole application: the old password and the person's sessions end at
 * once, and the one-time set-up link the ADMIN hands over sets a new password once, until it expires; the
 * second factor stays. Nobody outside the tenant, and no role but ADMIN, can do it.
 */
class PasswordResetIT extends AppIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEW_PASSWORD = "quarry pelican velvet 5521";

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private Tenant tenant;
    private People people;
    private String adminKey;

    @BeforeEach
    void tenantAndAdminKey() {
        tenant = tenants.create(UniqueNames.of("password-reset"), "Password reset");
        people = people();
        adminKey = key(Role.ADMIN);
    }

    @Test
    void aResetEndsTheOldPasswordAndTheSessionsAndItsLinkSetsANewPasswordOnce() {
        Person person = people.create(tenant, "Rita Reset", Role.PRIVACY_OFFICER);
        WebClient session = People.signIn(port, person);

        HttpResponse<String> reset = resetPassword(person.account().id(), adminKey);

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(reset.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        JsonNode body = JSON.readTree(reset.body());
        assertThat(body.get("user").get("id").asString())
                .isEqualTo(person.account().id().toString());
        assertThat(body.get("user").get("secondFactor").asBoolean())
                .as("the second factor stays")
                .isTrue();
        assertThat(Instant.parse(body.get("setupLinkExpiresAt").asString()))
                .isBetween(
                        Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(reset.body()).doesNotContain("argon2");
        assertThat(session.get("/").statusCode())
                .as("the person's session ended")
                .isEqualTo(302);
        assertThat(passwordStep(new WebClient(port), person, People.PASSWORD).statusCode())
                .as("the old password stopped working at once")
                .isEqualTo(401);

        String link = URI.create(body.get("setupLink").asString()).getPath();
        WebClient browser = new WebClient(port);
        assertThat(browser.get(link).body()).contains("Choose a new password").doesNotContain("Your name");
        HttpResponse<String> weak = browser.post(link, Map.of("password", "password1234", "repeat", "password1234"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("most commonly used");
        HttpResponse<String> chosen = browser.post(link, Map.of("password", NEW_PASSWORD, "repeat", NEW_PASSWORD));
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(302);
        assertThat(chosen.headers().firstValue("Location"))
                .as("the second factor kept is asked next, not enrolled again")
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in/second-factor"));
        browser.get("/sign-in/second-factor");
        assertThat(browser.post("/sign-in/second-factor", Map.of("code", person.nextCode()))
                        .statusCode())
                .isEqualTo(302);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        assertThat(new WebClient(port).get(link).statusCode())
                .as("the link works once")
                .isEqualTo(410);
        assertThat(passwordStep(new WebClient(port), person, NEW_PASSWORD)
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in/second-factor"));
        assertThat(passwordStep(new WebClient(port), person, People.PASSWORD).statusCode())
                .isEqualTo(401);
        assertThat(actions(person.account().id()))
                .containsSubsequence("user.password.reset", "user.sessions.ended", "user.password.set");
    }

    @Test
    void aResetLinkExpiresAndALaterResetRetiresTheEarlierLink() {
        Person person = people.create(tenant, "Eli Expiry", Role.AUDITOR);
        String first = linkPath(resetPassword(person.account().id(), adminKey));
        String second = linkPath(resetPassword(person.account().id(), adminKey));

        assertThat(new WebClient(port).get(first).statusCode())
                .as("an earlier link stops working when a new one is made")
                .isEqualTo(410);
        assertThat(new WebClient(port).get(second).statusCode()).isEqualTo(200);

        // The link's lifetime runs out: as if a day had passed since it was made.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        owner().update(APP_USER_SETUP_TOKEN)
                .set(APP_USER_SETUP_TOKEN.CREATED_AT, now.minusDays(1))
                .set(APP_USER_SETUP_TOKEN.EXPIRES_AT, now.minusMinutes(1))
                .where(APP_USER_SETUP_TOKEN.USER_ID.eq(person.account().id()))
                .and(APP_USER_SETUP_TOKEN.USED_AT.isNull())
                .execute();
        WebClient browser = new WebClient(port);
        assertThat(browser.get(second).statusCode()).isEqualTo(410);
        HttpResponse<String> late = browser.post(second, Map.of("password", NEW_PASSWORD, "repeat", NEW_PASSWORD));
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(passwordStep(new WebClient(port), person, NEW_PASSWORD).statusCode())
                .isEqualTo(401);
    }

    @Test
    void anotherTenantsPersonIsOutOfReachEvenOfThePlatformAdmin() {
        Tenant platform = tenants.find(Tenant.DEFAULT_ID).orElseThrow();
        Person platformAdmin = people.create(platform, "Pia Platform", Role.ADMIN);
        Person person = people.create(tenant, "Tom Tenant", Role.ADMIN);

        HttpResponse<String> acrossToPlatform =
                resetPassword(platformAdmin.account().id(), adminKey);
        HttpResponse<String> acrossFromPlatform = resetPassword(person.account().id(), ADMIN_KEY);

        assertThat(acrossToPlatform.statusCode()).isEqualTo(404);
        assertThat(acrossToPlatform.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(acrossFromPlatform.statusCode()).isEqualTo(404);
        assertThat(passwordStep(new WebClient(port), platformAdmin, People.PASSWORD)
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in/second-factor"));
        assertThat(passwordStep(new WebClient(port), person, People.PASSWORD)
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in/second-factor"));
    }

    @Test
    void rolesWithoutAdminAreRefused403() {
        Person person = people.create(tenant, "Nora Notreset", Role.ENGINEER);

        for (Role role : List.of(Role.PRIVACY_OFFICER, Role.ENGINEER, Role.AUDITOR)) {
            HttpResponse<String> refused = resetPassword(person.account().id(), key(role));
            assertThat(refused.statusCode()).as(role.name()).isEqualTo(403);
        }
        assertThat(passwordStep(new WebClient(port), person, People.PASSWORD)
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in/second-factor"));
    }

    @Test
    void onTheUsersPageAnAdminResetsSomeoneElseAndSeesTheLinkOnceButNotThemselves() {
        Person admin = people.create(tenant, "Ada Admin", Role.ADMIN);
        Person person = people.create(tenant, "Paul Person", Role.ENGINEER);
        WebClient page = People.signIn(port, admin);
        assertThat(page.get("/admin/users").body()).contains("Reset password");

        HttpResponse<String> reset =
                page.post("/admin/users/" + person.account().id() + "/reset-password", Map.of());
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(reset.body())
                .contains("id=\"reset-link\"")
                .containsPattern("value=\"[^\"]*/setup/[A-Za-z0-9_-]{43}\"");
        assertThat(page.get("/admin/users").body()).doesNotContain("/setup/");
        assertThat(passwordStep(new WebClient(port), person, People.PASSWORD).statusCode())
                .isEqualTo(401);

        HttpResponse<String> self = page.post("/admin/users/" + admin.account().id() + "/reset-password", Map.of());
        assertThat(self.body()).contains("Change your own password on your account page instead.");
        assertThat(page.get("/").statusCode()).as("still signed in").isEqualTo(200);
    }

    private String key(Role role) {
        String secret = "reset-" + role.name().toLowerCase() + "-" + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role.name().toLowerCase(), secret, Set.of(role), Scope.all()));
        return secret;
    }

    private HttpResponse<String> passwordStep(WebClient client, Person person, String password) {
        String slug = person.tenant().slug();
        client.get("/sign-in?tenant=" + slug);
        return client.post("/sign-in", Map.of("tenant", slug, "email", person.email(), "password", password));
    }

    private static String linkPath(HttpResponse<String> reset) {
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        return URI.create(JSON.readTree(reset.body()).get("setupLink").asString())
                .getPath();
    }

    private HttpResponse<String> resetPassword(UUID userId, String apiKey) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/users/" + userId + "/password-reset"))
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> actions(UUID userId) {
        return owner().select(AUDIT_ENTRY.ACTION)
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .and(AUDIT_ENTRY.TARGET.eq("user:" + userId))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetch(AUDIT_ENTRY.ACTION);
    }
}
