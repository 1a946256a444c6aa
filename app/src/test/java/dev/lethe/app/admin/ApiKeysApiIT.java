package dev.lethe.app.admin;

import static dev.lethe.catalog.jooq.Tables.API_KEY;
import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.account.NewAccount;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.NewApiKey;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code /api/v1/api-keys} against the whole application: a key's secret is in the answer to its creation
 * and nowhere else (only its hash is stored), revoked and expired keys are refused, a key never holds more
 * than whoever makes it, a disabled person's keys end, the last use is noted, and each tenant sees its own
 * keys only.
 */
class ApiKeysApiIT extends AppIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Accounts accounts;

    private AdminHttp http;
    private Tenant tenant;
    private String adminKey;

    @BeforeEach
    void tenantAndAdminKey() {
        http = new AdminHttp(port);
        tenant = tenants.create(UniqueNames.of("keys"), "API keys test");
        adminKey = key(tenant, Set.of(Role.ADMIN), Scope.all(), null);
    }

    @Test
    void theSecretIsShownOnceAndOnlyItsHashIsStored() throws Exception {
        HttpResponse<String> created = create(adminKey, "{\"name\":\"nightly export\",\"roles\":[\"ADMIN\"]}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(created.body());
        String secret = body.get("key").asString();
        String id = body.get("id").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(body.get("prefix").asString()).isEqualTo(secret.substring(0, 8));
        assertThat(body.get("scopes").toString()).isEqualTo("[\"read\",\"write\"]");

        HttpResponse<String> listed = http.send("GET", "/api/v1/api-keys", null, secret);
        assertThat(listed.statusCode()).as("the new key works").isEqualTo(200);
        assertThat(listed.body())
                .doesNotContain(secret)
                .doesNotContain("\"key\"")
                .doesNotContain("hash");
        JsonNode mine = find(JSON.readTree(listed.body()), id);
        assertThat(mine.get("name").asString()).isEqualTo("nightly export");
        assertThat(absent(mine.path("createdAt"))).isFalse();

        var row = owner().selectFrom(API_KEY)
                .where(API_KEY.ID.eq(UUID.fromString(id)))
                .fetchSingle();
        assertThat(row.getKeyHash()).isEqualTo(sha256(secret));
        assertThat(row.intoMap().values().stream().map(String::valueOf)).noneMatch(value -> value.contains(secret));
        assertThat(actions("api-key:" + id)).contains("api_key.created");
    }

    @Test
    void aRevokedKeyIsRefused() throws Exception {
        JsonNode created = JSON.readTree(create(adminKey, "{\"name\":\"to revoke\",\"roles\":[\"ADMIN\"]}")
                .body());
        String secret = created.get("key").asString();
        String id = created.get("id").asString();
        assertThat(http.send("GET", "/api/v1/api-keys", null, secret).statusCode())
                .isEqualTo(200);

        assertThat(http.send("DELETE", "/api/v1/api-keys/" + id, null, adminKey).statusCode())
                .isEqualTo(204);

        assertThat(http.send("GET", "/api/v1/api-keys", null, secret).statusCode())
                .isEqualTo(401);
        HttpResponse<String> again = http.send("DELETE", "/api/v1/api-keys/" + id, null, adminKey);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(http.send("GET", "/api/v1/api-keys", null, adminKey).body()).doesNotContain(id);
        assertThat(actions("api-key:" + id)).contains("api_key.created", "api_key.revoked");
    }

    @Test
    void anExpiredKeyIsRefused() throws Exception {
        String expires = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        JsonNode created = JSON.readTree(
                create(adminKey, "{\"name\":\"short\",\"roles\":[\"ADMIN\"],\"expiresAt\":\"" + expires + "\"}")
                        .body());
        String secret = created.get("key").asString();
        assertThat(http.send("GET", "/api/v1/api-keys", null, secret).statusCode())
                .isEqualTo(200);

        owner().update(API_KEY)
                .set(API_KEY.EXPIRES_AT, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
                .where(API_KEY.ID.eq(UUID.fromString(created.get("id").asString())))
                .execute();

        assertThat(http.send("GET", "/api/v1/api-keys", null, secret).statusCode())
                .isEqualTo(401);
        HttpResponse<String> past = create(
                adminKey,
                "{\"name\":\"past\",\"roles\":[\"ADMIN\"],\"expiresAt\":\""
                        + Instant.now().minusSeconds(60) + "\"}");
        assertThat(past.statusCode()).isEqualTo(400);
    }

    @Test
    void aKeyNeverHoldsMoreThanWhoeverMakesIt() {
        HttpResponse<String> otherRole = create(adminKey, "{\"name\":\"engineer\",\"roles\":[\"ENGINEER\"]}");
        assertThat(otherRole.statusCode()).as(otherRole.body()).isEqualTo(403);
        assertThat(otherRole.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(otherRole.body()).contains("ENGINEER");

        String readWrite = key(tenant, Set.of(Role.ADMIN), Set.of(Scope.READ, Scope.WRITE), null);
        HttpResponse<String> moreScope =
                create(readWrite, "{\"name\":\"platform\",\"roles\":[\"ADMIN\"],\"scopes\":[\"admin\"]}");
        assertThat(moreScope.statusCode()).as(moreScope.body()).isEqualTo(403);

        assertThat(create(adminKey, "{\"name\":\"x\",\"roles\":[\"ADMIN\"],\"scopes\":[\"root\"]}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(create(adminKey, "{\"name\":\" \",\"roles\":[\"ADMIN\"]}").statusCode())
                .isEqualTo(400);
        assertThat(create(adminKey, "{\"name\":\"x\",\"roles\":[]}").statusCode())
                .isEqualTo(400);
        assertThat(create(adminKey, "{\"name\":\"x\",\"roles\":[\"KING\"]}").statusCode())
                .isEqualTo(400);
        assertThat(create(adminKey, "{\"name\":\"twice\",\"roles\":[\"ADMIN\"]}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(create(adminKey, "{\"name\":\"twice\",\"roles\":[\"ADMIN\"]}")
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void disablingThePersonEndsTheirKeys() throws Exception {
        Account ada = person("ada@example.org", Set.of(Role.ADMIN, Role.ENGINEER));
        String adasKey = key(tenant, Set.of(Role.ADMIN, Role.ENGINEER), Scope.all(), ada.id());
        HttpResponse<String> made = create(adasKey, "{\"name\":\"ada's engineer key\",\"roles\":[\"ENGINEER\"]}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode created = JSON.readTree(made.body());
        assertThat(created.get("owner").get("id").asString()).isEqualTo(ada.id().toString());
        assertThat(created.get("owner").get("displayName").asString()).isEqualTo("Ada");
        String engineerKey = created.get("key").asString();
        assertThat(http.send("GET", "/api/v1/systems", null, engineerKey).statusCode())
                .isEqualTo(200);

        HttpResponse<String> disabled =
                http.send("PUT", "/api/v1/users/" + ada.id(), "{\"status\":\"DISABLED\"}", adminKey);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);

        assertThat(http.send("GET", "/api/v1/systems", null, engineerKey).statusCode())
                .isEqualTo(401);
        assertThat(http.send("GET", "/api/v1/api-keys", null, adasKey).statusCode())
                .isEqualTo(401);
        assertThat(http.send("GET", "/api/v1/api-keys", null, adminKey).statusCode())
                .as("a key of no one stays")
                .isEqualTo(200);
        assertThat(actions("user:" + ada.id())).contains("user.disabled", "user.api_keys.revoked");
    }

    @Test
    void losingARoleEndsTheKeysThatHoldIt() {
        Account bo = person("bo@example.org", Set.of(Role.ADMIN, Role.ENGINEER));
        String engineerKey = key(tenant, Set.of(Role.ENGINEER), Scope.all(), bo.id());
        String adminOnly = key(tenant, Set.of(Role.ADMIN), Scope.all(), bo.id());

        assertThat(http.send("PUT", "/api/v1/users/" + bo.id(), "{\"roles\":[\"ADMIN\"]}", adminKey)
                        .statusCode())
                .isEqualTo(200);

        assertThat(http.send("GET", "/api/v1/systems", null, engineerKey).statusCode())
                .isEqualTo(401);
        assertThat(http.send("GET", "/api/v1/api-keys", null, adminOnly).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theLastUseIsNotedAtMostOnceAMinute() throws Exception {
        JsonNode created = JSON.readTree(
                create(adminKey, "{\"name\":\"used\",\"roles\":[\"ADMIN\"]}").body());
        String id = created.get("id").asString();
        assertThat(absent(created.path("lastUsedAt"))).isTrue();

        assertThat(http.send("GET", "/api/v1/api-keys", null, created.get("key").asString())
                        .statusCode())
                .isEqualTo(200);
        OffsetDateTime first = lastUsed(id);
        assertThat(first).isNotNull();
        JsonNode listed = find(
                JSON.readTree(
                        http.send("GET", "/api/v1/api-keys", null, adminKey).body()),
                id);
        assertThat(absent(listed.path("lastUsedAt"))).isFalse();

        http.send("GET", "/api/v1/api-keys", null, created.get("key").asString());
        assertThat(lastUsed(id)).as("not written again within the minute").isEqualTo(first);
    }

    @Test
    void onlyAdminsManageKeys() {
        String engineer = key(tenant, Set.of(Role.ENGINEER), Scope.all(), null);
        assertThat(http.send("GET", "/api/v1/api-keys", null, engineer).statusCode())
                .isEqualTo(403);
        assertThat(create(engineer, "{\"name\":\"mine\",\"roles\":[\"ENGINEER\"]}")
                        .statusCode())
                .isEqualTo(403);
        String readOnly = key(tenant, Set.of(Role.ADMIN), Set.of(Scope.READ), null);
        assertThat(http.send("GET", "/api/v1/api-keys", null, readOnly).statusCode())
                .isEqualTo(200);
        assertThat(create(readOnly, "{\"name\":\"more\",\"roles\":[\"ADMIN\"]}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aTenantSeesAndRevokesItsOwnKeysOnly() throws Exception {
        Tenant other = tenants.create(UniqueNames.of("keys-other"), "Other tenant");
        String othersAdmin = key(other, Set.of(Role.ADMIN), Scope.all(), null);
        JsonNode othersKey = JSON.readTree(create(othersAdmin, "{\"name\":\"theirs\",\"roles\":[\"ADMIN\"]}")
                .body());
        String othersId = othersKey.get("id").asString();

        assertThat(http.send("GET", "/api/v1/api-keys", null, adminKey).body()).doesNotContain(othersId);
        assertThat(http.send("DELETE", "/api/v1/api-keys/" + othersId, null, adminKey)
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.send(
                                "GET",
                                "/api/v1/api-keys",
                                null,
                                othersKey.get("key").asString())
                        .statusCode())
                .as("still valid")
                .isEqualTo(200);
        assertThat(http.send("GET", "/api/v1/api-keys", null, othersAdmin).body())
                .contains(othersId);
    }

    private HttpResponse<String> create(String key, String body) {
        return http.send("POST", "/api/v1/api-keys", body, key);
    }

    private String key(Tenant owner, Set<Role> roles, Set<Scope> scopes, UUID ownerId) {
        return as(
                owner.id(),
                () -> apiKeys.create(new NewApiKey(owner.id(), UniqueNames.of("key"), roles, scopes, ownerId, null))
                        .secret());
    }

    private Account person(String email, Set<Role> roles) {
        String name = email.substring(0, 1).toUpperCase() + email.substring(1, email.indexOf('@'));
        return as(
                tenant.id(),
                () -> accounts.create(
                        new NewAccount(tenant.id(), email, name, roles, AccountStatus.ACTIVE, null, null)));
    }

    private OffsetDateTime lastUsed(String id) {
        return owner().select(API_KEY.LAST_USED_AT)
                .from(API_KEY)
                .where(API_KEY.ID.eq(UUID.fromString(id)))
                .fetchSingle(API_KEY.LAST_USED_AT);
    }

    private List<String> actions(String target) {
        return owner().select(AUDIT_ENTRY.ACTION)
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .and(AUDIT_ENTRY.TARGET.eq(target))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetch(AUDIT_ENTRY.ACTION);
    }

    private static JsonNode find(JsonNode keys, String id) {
        for (JsonNode key : keys) {
            if (key.get("id").asString().equals(id)) {
                return key;
            }
        }
        throw new AssertionError("no key " + id + " in " + keys);
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static byte[] sha256(String secret) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    }
}
