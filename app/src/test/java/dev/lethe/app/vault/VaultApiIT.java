package dev.lethe.app.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.ApiKey;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The vault's REST API over HTTP, on the real database, with keys of each role in a tenant of its own. */
class VaultApiIT extends AppIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    AuditTrail trail;

    Tenant tenant;
    String engineer;
    String officer;
    String auditor;
    ApiKey officerKey;

    @BeforeEach
    void newTenantWithKeys() {
        tenant = tenants.create(UniqueNames.of("vault"), "Vault API test");
        engineer = key("engineer", Role.ENGINEER);
        auditor = key("auditor", Role.AUDITOR);
        officer = secret();
        officerKey =
                as(tenant.id(), () -> apiKeys.ensure(tenant.id(), "officer", officer, Set.of(Role.PRIVACY_OFFICER)));
    }

    @Test
    void aTokenTravelsBackToItsValue() throws Exception {
        String token = tokenize(engineer, "cust-42", "ana@example.com");

        HttpResponse<String> revealed = post("/detokenize", officer, Map.of("token", token, "purpose", "dsar-export"));

        assertThat(token).startsWith("tok_email_").doesNotContain("ana");
        assertThat(revealed.statusCode()).isEqualTo(200);
        assertThat(json(revealed).get("value").asString()).isEqualTo("ana@example.com");
    }

    @Test
    void deterministicTokensAreEqualForTheSameSubjectAndValue() throws Exception {
        String first = tokenize(engineer, "cust-1", "bo@example.com");
        String second = tokenize(engineer, "cust-1", "bo@example.com");
        String otherSubject = tokenize(engineer, "cust-2", "bo@example.com");

        assertThat(second).isEqualTo(first);
        assertThat(otherSubject).isNotEqualTo(first);
    }

    @Test
    void aBatchTokenizesInOrderAndDetokenizesPerToken() throws Exception {
        var items = List.of(
                Map.of("subject", "cust-3", "category", "contact.email", "kind", "DETERMINISTIC", "value", "c@x.io"),
                Map.of("subject", "cust-3", "category", "contact.email", "kind", "MASK", "value", "c@x.io"),
                Map.of("subject", "cust-3", "category", "contact.email", "kind", "REDACT", "value", "c@x.io"));

        JsonNode tokens = json(post("/tokenize/batch", tenantAdmin(), Map.of("items", items)))
                .get("tokens");
        assertThat(tokens).hasSize(3);
        String token = tokens.get(0).get("token").asString();
        assertThat(tokens.get(2).get("token").isNull()).isTrue();

        HttpResponse<String> batch = post(
                "/detokenize/batch",
                officer,
                Map.of("purpose", "dsar-export", "tokens", List.of(Map.of("token", token), Map.of("token", "tok_x"))));
        JsonNode results = json(batch).get("results");
        assertThat(results.get(0).get("status").asString()).isEqualTo("REVEALED");
        assertThat(results.get(0).get("value").asString()).isEqualTo("c@x.io");
        assertThat(results.get(1).get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void aFormatPreservingCardTokenKeepsItsShapeAndComesBackWithSubjectAndCategory() throws Exception {
        var body = Map.of(
                "subject", "cust-4",
                "category", "financial.card",
                "kind", "format-preserving",
                "value", "4242 4242 4242 4242");

        String token = json(post("/tokenize", engineer, body)).get("token").asString();
        HttpResponse<String> revealed = post(
                "/detokenize",
                officer,
                Map.of("token", token, "purpose", "chargeback", "subject", "cust-4", "category", "financial.card"));

        assertThat(token).matches("\\d{4} \\d{4} \\d{4} 4242").isNotEqualTo("4242 4242 4242 4242");
        assertThat(json(revealed).get("value").asString()).isEqualTo("4242 4242 4242 4242");
    }

    @Test
    void rolesWithoutPermissionGetAForbiddenProblem() throws Exception {
        String token = tokenize(engineer, "cust-5", "d@example.com");

        HttpResponse<String> engineerReads = post("/detokenize", engineer, Map.of("token", token, "purpose", "debug"));
        HttpResponse<String> auditorTokenizes = post("/tokenize", auditor, tokenizeBody("cust-5", "d@example.com"));
        HttpResponse<String> engineerShreds = post("/shred", engineer, Map.of("subject", "cust-5"));

        assertProblem(engineerReads, 403);
        assertProblem(auditorTokenizes, 403);
        assertProblem(engineerShreds, 403);
        assertThat(engineerReads.body()).doesNotContain("d@example.com").doesNotContain(token);
        assertThat(entries("vault.detokenize_denied")).hasSize(1);
    }

    @Test
    void afterAShredTheTokenIsGoneAndBothStepsAreAudited() throws Exception {
        String token = tokenize(engineer, "cust-9", "erin@example.com");
        assertThat(post("/detokenize", officer, Map.of("token", token, "purpose", "dsar-export", "requestId", "r-1"))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> shred = post("/shred", officer, Map.of("subject", "cust-9", "requestId", "erasure-1"));
        HttpResponse<String> again = post("/shred", officer, Map.of("subject", "cust-9", "requestId", "erasure-1"));
        HttpResponse<String> afterwards =
                post("/detokenize", officer, Map.of("token", token, "purpose", "dsar-export"));

        assertThat(shred.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(204);
        assertProblem(afterwards, 410);
        assertThat(json(afterwards).get("type").asString()).endsWith("/subject-erased");
        assertThat(tokenize(engineer, "cust-9", "erin@example.com")).isNotEqualTo(token);

        AuditEntry detokenized = entries("vault.detokenize").getLast();
        assertThat(detokenized.actor().id()).isEqualTo(officerKey.id().toString());
        assertThat(detokenized.details())
                .containsEntry("purpose", "dsar-export")
                .containsEntry("requestId", "r-1")
                .containsEntry("revealed", "1");
        List<AuditEntry> shreds = entries("vault.shred");
        assertThat(shreds).extracting(e -> e.details().get("outcome")).containsExactly("ALREADY_SHREDDED", "SHREDDED");
        assertThat(shreds.getLast().details()).containsEntry("requestId", "erasure-1");
        for (AuditEntry entry : as(
                tenant.id(), () -> trail.page(tenant.id(), new AuditQuery(null, null, null, null, null, null, 100)))) {
            assertThat(entry.toString()).doesNotContain("erin@example.com").doesNotContain("cust-9");
        }
    }

    @Test
    void whenTheAuditChainRefusesTheEntryNoValueIsRevealed() throws Exception {
        String token = tokenize(engineer, "cust-13", "fay@example.com");
        String refuse = "lethe_it_refuse_" + tenant.id().toString().replace("-", "");
        // The chain's own table refuses this tenant's detokenization entries, as a failing write would.
        owner().execute("create function " + refuse + "() returns trigger language plpgsql as $$ begin "
                + "raise exception 'audit write refused by the test'; end $$");
        owner().execute("create trigger " + refuse + " before insert on audit_entry for each row when "
                + "(new.tenant_id = '" + tenant.id() + "' and new.action = 'vault.detokenize') execute function "
                + refuse + "()");
        HttpResponse<String> refused;
        try {
            refused = post("/detokenize", officer, Map.of("token", token, "purpose", "dsar-export"));
        } finally {
            owner().execute("drop trigger " + refuse + " on audit_entry");
            owner().execute("drop function " + refuse + "()");
        }

        assertThat(refused.statusCode()).as(refused.body()).isGreaterThanOrEqualTo(500);
        assertThat(refused.body()).doesNotContain("fay@example.com");
        assertThat(entries("vault.detokenize")).isEmpty();
        HttpResponse<String> revealed = post("/detokenize", officer, Map.of("token", token, "purpose", "dsar-export"));
        assertThat(json(revealed).get("value").asString()).isEqualTo("fay@example.com");
        assertThat(entries("vault.detokenize")).hasSize(1);
    }

    @Test
    void badInputIsABadRequestProblemNamingTheFieldWithoutTheValue() throws Exception {
        String secretValue = "ana.secret@example.com";
        var unknownKind = Map.of("subject", "s", "category", "contact.email", "kind", "ROT13", "value", secretValue);
        var unknownCategory =
                Map.of("subject", "s", "category", "no.such", "kind", "DETERMINISTIC", "value", secretValue);
        var missingCategory = Map.of("subject", "s", "kind", "DETERMINISTIC", "value", secretValue);
        var tooLong = tokenizeBody("s", "x".repeat(5000));

        for (var body : List.of(unknownKind, unknownCategory, missingCategory, tooLong)) {
            HttpResponse<String> response = post("/tokenize", engineer, body);
            assertProblem(response, 400);
            assertThat(response.body()).doesNotContain(secretValue).doesNotContain("xxxxxxxx");
        }
        assertThat(json(post("/tokenize", engineer, unknownKind))
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("kind");
        assertThat(json(post("/tokenize", engineer, missingCategory))
                        .get("detail")
                        .asString())
                .contains("category");

        String token = tokenize(engineer, "s", secretValue);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        HttpResponse<String> tamperedResponse =
                post("/detokenize", officer, Map.of("token", tampered, "purpose", "dsar-export"));
        assertProblem(tamperedResponse, 400);
        assertThat(tamperedResponse.body()).doesNotContain(tampered);
        HttpResponse<String> notJson = send("/tokenize", engineer, "{\"value\": \"" + secretValue + "\",");
        assertProblem(notJson, 400);
        assertThat(notJson.body()).doesNotContain(secretValue);
    }

    private static List<Integer> versions(JsonNode array) {
        return array.valueStream().map(JsonNode::asInt).toList();
    }

    @Test
    void thePlatformAdminRotatesTheKekOnlineAndTokensStayReadable() throws Exception {
        String token = tokenize(engineer, "cust-11", "rot@example.com");
        int before = json(vaultGet("/kek", ADMIN_KEY)).get("primaryVersion").asInt();

        HttpResponse<String> rotated = post("/kek/rotate", ADMIN_KEY, Map.of());
        HttpResponse<String> tenantAdminRotates = post("/kek/rotate", tenantAdmin(), Map.of());

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        int after = json(rotated).get("newVersion").asInt();
        assertThat(after).isNotEqualTo(before);
        assertThat(json(rotated).get("rewrapped").asLong()).isPositive();
        JsonNode state = json(vaultGet("/kek", ADMIN_KEY));
        assertThat(state.get("keysByVersion").propertyNames()).containsExactly(Integer.toString(after));
        assertProblem(tenantAdminRotates, 403);
        // Only versions that no longer wrap anything retire. The audit chain's signing key is not
        // re-wrapped, so the version it was wrapped under (at start-up, or whichever the suite's
        // earlier rotations left it with) stays active beside the new one.
        List<Integer> retired = versions(json(rotated).get("retired"));
        List<Integer> active = versions(state.get("activeVersions"));
        assertThat(active).contains(after).hasSizeGreaterThanOrEqualTo(2).doesNotContainAnyElementsOf(retired);
        HttpResponse<String> revealed = post("/detokenize", officer, Map.of("token", token, "purpose", "dsar-export"));
        assertThat(json(revealed).get("value").asString()).isEqualTo("rot@example.com");
    }

    @Test
    void withoutAKeyNothingIsTokenized() throws Exception {
        assertThat(post("/tokenize", null, tokenizeBody("s", "v@example.com")).statusCode())
                .isEqualTo(401);
    }

    /** An ADMIN key of this test's tenant (the bootstrap key belongs to the default tenant). */
    private String tenantAdmin() {
        return key("admin", Role.ADMIN);
    }

    private String tokenize(String key, String subject, String value) throws Exception {
        HttpResponse<String> response = post("/tokenize", key, tokenizeBody(subject, value));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("token").asString();
    }

    private static Map<String, String> tokenizeBody(String subject, String value) {
        return Map.of("subject", subject, "category", "contact.email", "kind", "DETERMINISTIC", "value", value);
    }

    private List<AuditEntry> entries(String action) {
        return as(
                tenant.id(), () -> trail.page(tenant.id(), new AuditQuery(null, null, null, action, null, null, 100)));
    }

    private String key(String name, Role role) {
        String secret = secret();
        as(tenant.id(), () -> apiKeys.ensure(tenant.id(), name + "-" + UUID.randomUUID(), secret, Set.of(role)));
        return secret;
    }

    private static String secret() {
        return "it-" + UUID.randomUUID() + UUID.randomUUID();
    }

    private static void assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("at dev.lethe").doesNotContain("Exception");
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String key, Object body) throws Exception {
        return send(path, key, JSON.writeValueAsString(body));
    }

    private HttpResponse<String> vaultGet(String path, String key) throws Exception {
        return get("/api/v1/vault" + path, key);
    }

    private HttpResponse<String> send(String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/vault" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
