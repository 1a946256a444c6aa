package dev.lethe.app.admin;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.app.web.People.Person;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.apikey.ApiKey;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The users and API keys pages over HTTP, signed in as real people: an ADMIN invites a person (the set-up
 * link shown once), changes roles, resets a second factor, disables someone, makes a key (its secret shown
 * once, on the answering page only) and revokes it; a privacy officer gets 403 on every admin page.
 */
class AdminPagesIT extends AppIntegrationTest {

    private static final Pattern NEW_KEY = Pattern.compile("id=\"new-key\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern SETUP_LINK = Pattern.compile("id=\"setup-link\"[^>]*value=\"([^\"]+)\"");

    @Autowired
    Tenants tenants;

    @Autowired
    Accounts accounts;

    @Autowired
    ApiKeys apiKeys;

    private People people;
    private Tenant tenant;
    private Person admin;
    private WebClient browser;

    @BeforeEach
    void adminSignedIn() {
        people = people();
        tenant = tenants.create(UniqueNames.of("admin-pages"), "Admin pages test");
        admin = people.create(tenant, "Alma Admin", Role.ADMIN);
        browser = People.signIn(port, admin);
    }

    @Test
    void anAdminInvitesAPersonAndChangesTheirRoles() {
        HttpResponse<String> page = browser.get("/admin/users");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Alma Admin").contains(admin.email());

        HttpResponse<String> invited = browser.post(
                "/admin/users",
                Map.of("email", "ivan@example.org", "displayName", "Ivan Invited", "roles", "ENGINEER"));

        assertThat(invited.statusCode()).isEqualTo(200);
        assertThat(invited.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        Matcher link = SETUP_LINK.matcher(invited.body());
        assertThat(link.find()).as(invited.body()).isTrue();
        assertThat(link.group(1)).contains("/setup/");
        assertThat(browser.get("/admin/users").body())
                .as("the link is shown once")
                .doesNotContain(link.group(1))
                .contains("Ivan Invited")
                .contains("INVITED");
        Account ivan = account("ivan@example.org");
        assertThat(ivan.roles()).containsExactly(Role.ENGINEER);

        HttpResponse<String> changed = browser.post("/admin/users/" + ivan.id() + "/roles", Map.of("roles", "AUDITOR"));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(browser.get("/admin/users").body()).contains("Roles changed");
        assertThat(account("ivan@example.org").roles()).containsExactly(Role.AUDITOR);

        HttpResponse<String> refused =
                browser.post("/admin/users", Map.of("email", "not-an-address", "displayName", "X", "roles", "AUDITOR"));
        assertThat(refused.body()).contains("Enter an e-mail address");
        assertThat(actions("user:" + ivan.id())).contains("user.invited", "user.roles.changed");
    }

    @Test
    void anAdminResetsASecondFactorAndDisablesAPerson() {
        Person olga = people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER);
        WebClient olgas = People.signIn(port, olga);

        browser.get("/admin/users");
        assertThat(browser.post("/admin/users/" + olga.account().id() + "/reset-second-factor", Map.of())
                        .statusCode())
                .isEqualTo(302);
        assertThat(browser.get("/admin/users").body()).contains("Second factor reset");
        assertThat(account(olga.email()).hasSecondFactor()).isFalse();
        assertThat(olgas.get("/").statusCode()).as("her session ended").isEqualTo(302);

        browser.post("/admin/users/" + olga.account().id() + "/disable", Map.of());
        assertThat(account(olga.email()).status()).isEqualTo(AccountStatus.DISABLED);
        browser.get("/admin/users");
        browser.post("/admin/users/" + olga.account().id() + "/enable", Map.of());
        assertThat(account(olga.email()).status()).isEqualTo(AccountStatus.ACTIVE);

        browser.get("/admin/users");
        browser.post("/admin/users/" + admin.account().id() + "/disable", Map.of());
        assertThat(browser.get("/admin/users").body()).contains("You cannot disable your own account");
        assertThat(actions("user:" + olga.account().id()))
                .contains("user.second_factor.reset", "user.disabled", "user.enabled");
    }

    @Test
    void anAdminMakesAKeySeesItOnceAndRevokesIt() throws Exception {
        browser.get("/admin/api-keys");
        HttpResponse<String> made =
                browser.post("/admin/api-keys", Map.of("name", "page key", "roles", "ADMIN", "scopes", "read"));

        assertThat(made.statusCode()).isEqualTo(200);
        Matcher secret = NEW_KEY.matcher(made.body());
        assertThat(secret.find()).as(made.body()).isTrue();
        String key = secret.group(1);
        HttpResponse<String> listed = browser.get("/admin/api-keys");
        assertThat(listed.body()).contains("page key").contains("Alma Admin").doesNotContain(key);

        assertThat(get("/api/v1/api-keys", key).statusCode())
                .as("the key works")
                .isEqualTo(200);
        ApiKey stored = as(tenant.id(), () -> apiKeys.list(tenant.id())).stream()
                .filter(candidate -> candidate.name().equals("page key"))
                .findFirst()
                .orElseThrow();
        assertThat(stored.ownerId()).isEqualTo(admin.account().id());

        assertThat(browser.post("/admin/api-keys/" + stored.id() + "/revoke", Map.of())
                        .statusCode())
                .isEqualTo(302);
        assertThat(browser.get("/admin/api-keys").body()).contains("revoked").doesNotContain("page key");
        assertThat(get("/api/v1/api-keys", key).statusCode()).isEqualTo(401);
        assertThat(actions("api-key:" + stored.id())).containsExactly("api_key.created", "api_key.revoked");
    }

    @Test
    void aKeyCannotHoldARoleItsMakerLacks() {
        browser.get("/admin/api-keys");
        HttpResponse<String> refused =
                browser.post("/admin/api-keys", Map.of("name", "too much", "roles", "ENGINEER", "scopes", "read"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("role that whoever makes it lacks").doesNotContain("id=\"new-key\"");
        assertThat(as(tenant.id(), () -> apiKeys.list(tenant.id()))).isEmpty();
    }

    @Test
    void anOfficerIsRefusedEveryAdminPage() {
        Person olga = people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER);
        WebClient officer = People.signIn(port, olga);

        assertThat(officer.get("/admin/users").statusCode()).isEqualTo(403);
        assertThat(officer.get("/admin/api-keys").statusCode()).isEqualTo(403);
        officer.get("/");
        assertThat(officer.post("/admin/api-keys", Map.of("name", "sneaky", "roles", "PRIVACY_OFFICER"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(officer.post("/admin/users/" + admin.account().id() + "/disable", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(account(admin.email()).status()).isEqualTo(AccountStatus.ACTIVE);
    }

    private Account account(String email) {
        return as(tenant.id(), () -> accounts.findByEmail(tenant.id(), email)).orElseThrow();
    }

    private List<String> actions(String target) {
        return owner().select(AUDIT_ENTRY.ACTION)
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .and(AUDIT_ENTRY.TARGET.eq(target))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetch(AUDIT_ENTRY.ACTION);
    }
}
