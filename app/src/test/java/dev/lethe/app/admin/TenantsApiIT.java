package dev.lethe.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.NewApiKey;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code /api/v1/tenants} against the whole application: the platform administrator (an ADMIN of the
 * default tenant with the admin scope) lists and creates tenants and invites a new tenant's first ADMIN;
 * nobody else may.
 */
class TenantsApiIT extends AppIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Accounts accounts;

    private AdminHttp http;

    @BeforeEach
    void client() {
        http = new AdminHttp(port);
    }

    @Test
    void thePlatformAdministratorCreatesATenantAndInvitesItsFirstAdmin() throws Exception {
        String slug = UniqueNames.of("acme");
        HttpResponse<String> created = http.send(
                "POST",
                "/api/v1/tenants",
                "{\"slug\":\"" + slug + "\",\"name\":\"Acme\",\"adminEmail\":\"first@acme.example\","
                        + "\"adminName\":\"Fiona First\"}",
                ADMIN_KEY);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(created.body());
        UUID id = UUID.fromString(body.get("tenant").get("id").asString());
        assertThat(body.get("tenant").get("slug").asString()).isEqualTo(slug);
        String link = body.get("admin").get("setupLink").asString();
        assertThat(link).contains("/setup/");
        assertThat(body.get("admin").get("user").get("roles").toString()).isEqualTo("[\"ADMIN\"]");

        List<Account> people = as(id, () -> accounts.list(id));
        assertThat(people).singleElement().satisfies(admin -> {
            assertThat(admin.roles()).containsExactly(Role.ADMIN);
            assertThat(admin.status()).isEqualTo(AccountStatus.INVITED);
        });
        assertThat(get(URI.create(link).getPath(), null).statusCode())
                .as("the set-up link opens")
                .isEqualTo(200);

        JsonNode listed = JSON.readTree(get("/api/v1/tenants", ADMIN_KEY).body());
        assertThat(listed.findValuesAsString("slug")).contains(slug, "default");
        HttpResponse<String> one = get("/api/v1/tenants/" + id, ADMIN_KEY);
        assertThat(JSON.readTree(one.body()).get("name").asString()).isEqualTo("Acme");
    }

    @Test
    void aTenantWithoutAnAdminToInvite() throws Exception {
        String slug = UniqueNames.of("plain");
        HttpResponse<String> created =
                http.send("POST", "/api/v1/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"Plain\"}", ADMIN_KEY);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode admin = JSON.readTree(created.body()).path("admin");
        assertThat(admin.isMissingNode() || admin.isNull()).isTrue();
        assertThat(tenants.findBySlug(slug)).isPresent();
    }

    @Test
    void refusesBadSlugsNamesAndAddressesAndUnknownIds() throws Exception {
        String slug = UniqueNames.of("twice");
        assertThat(create("{\"slug\":\"" + slug + "\",\"name\":\"Once\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> duplicate = create("{\"slug\":\"" + slug + "\",\"name\":\"Twice\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));

        assertThat(create("{\"slug\":\"Not A Slug\",\"name\":\"X\"}").statusCode())
                .isEqualTo(400);
        assertThat(create("{\"slug\":\"-dash\",\"name\":\"X\"}").statusCode()).isEqualTo(400);
        assertThat(create("{\"name\":\"X\"}").statusCode()).isEqualTo(400);
        String unused = UniqueNames.of("unused");
        assertThat(create("{\"slug\":\"" + unused + "\",\"name\":\"\"}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> badAddress =
                create("{\"slug\":\"" + unused + "\",\"name\":\"X\",\"adminEmail\":\"not-an-address\"}");
        assertThat(badAddress.statusCode()).isEqualTo(400);
        assertThat(badAddress.body()).contains("adminEmail");
        assertThat(tenants.findBySlug(unused)).as("nothing half made").isEmpty();
        assertThat(get("/api/v1/tenants/" + UUID.randomUUID(), ADMIN_KEY).statusCode())
                .isEqualTo(404);
    }

    @Test
    void onlyThePlatformAdministratorManagesTenants() throws Exception {
        Tenant other = tenants.create(UniqueNames.of("not-platform"), "Not the platform");
        String othersAdmin = key(other.id(), Role.ADMIN, Scope.all());
        String noAdminScope = key(Tenant.DEFAULT_ID, Role.ADMIN, Set.of(Scope.READ, Scope.WRITE));
        String officer = key(Tenant.DEFAULT_ID, Role.PRIVACY_OFFICER, Scope.all());

        for (String key : List.of(othersAdmin, noAdminScope, officer)) {
            assertThat(get("/api/v1/tenants", key).statusCode()).isEqualTo(403);
            assertThat(get("/api/v1/tenants/" + Tenant.DEFAULT_ID, key).statusCode())
                    .isEqualTo(403);
            assertThat(http.send(
                                    "POST",
                                    "/api/v1/tenants",
                                    "{\"slug\":\"" + UniqueNames.of("nope") + "\",\"name\":\"No\"}",
                                    key)
                            .statusCode())
                    .isEqualTo(403);
        }
        assertThat(get("/api/v1/tenants", null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> create(String body) {
        return http.send("POST", "/api/v1/tenants", body, ADMIN_KEY);
    }

    private String key(UUID tenantId, Role role, Set<Scope> scopes) {
        return as(
                tenantId,
                () -> apiKeys.create(new NewApiKey(tenantId, UniqueNames.of("key"), Set.of(role), scopes, null, null))
                        .secret());
    }
}
