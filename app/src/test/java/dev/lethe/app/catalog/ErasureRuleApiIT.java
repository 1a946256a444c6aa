package dev.lethe.app.catalog;

import static dev.lethe.app.catalog.CatalogHttp.body;
import static dev.lethe.app.catalog.CatalogHttp.etag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/erasure-rules} and legal holds on a data subject, over HTTP on the running application. */
class ErasureRuleApiIT extends AppIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    Tenant tenant;
    CatalogHttp officer;
    String datasetId;

    @BeforeEach
    void tenantWithDataset() {
        tenant = tenants.create(UniqueNames.of("erasure"), "Erasure Rules GmbH");
        officer = client(tenant, Role.PRIVACY_OFFICER);
        String systemId = body(officer.post("/api/v1/systems", CatalogApiIT.system("billing")))
                .get("id")
                .asString();
        datasetId = body(officer.post("/api/v1/datasets", CatalogApiIT.dataset(systemId, "invoices")))
                .get("id")
                .asString();
    }

    @Test
    void anOfficerCreatesReadsChangesAndDeletesARule() {
        HttpResponse<String> created = officer.post(
                "/api/v1/erasure-rules",
                Map.of("datasetId", datasetId, "strategy", "RETAIN", "reason", "HGB §257", "retainPeriod", "P10Y"));

        assertThat(created.statusCode()).isEqualTo(201);
        String id = body(created).get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/erasure-rules/" + id);
        assertThat(body(created).get("strategy").asString()).isEqualTo("RETAIN");
        assertThat(etag(created)).isEqualTo("\"1\"");

        HttpResponse<String> read = officer.get("/api/v1/erasure-rules/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(body(read).get("reason").asString()).isEqualTo("HGB §257");
        assertThat(body(officer.get("/api/v1/erasure-rules"))).hasSize(1);

        HttpResponse<String> until = officer.put(
                "/api/v1/erasure-rules/" + id,
                "\"1\"",
                Map.of(
                        "datasetId", datasetId,
                        "strategy", "RETAIN",
                        "reason", "AO §147",
                        "retainUntil", "2036-12-31T00:00:00Z"));
        assertThat(until.statusCode()).as(until.body()).isEqualTo(200);
        assertThat(body(until).get("retainUntil").asString()).isEqualTo("2036-12-31T00:00:00Z");
        assertThat(body(until).get("retainPeriod").isNull()).isTrue();

        HttpResponse<String> changed = officer.put(
                "/api/v1/erasure-rules/" + id, "\"2\"", Map.of("datasetId", datasetId, "strategy", "DELETE_ROW"));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(body(changed).get("reason").isNull()).isTrue();
        assertThat(etag(changed)).isEqualTo("\"3\"");

        assertThat(officer.delete("/api/v1/erasure-rules/" + id, "\"3\"").statusCode())
                .isEqualTo(204);
        HttpResponse<String> gone = officer.get("/api/v1/erasure-rules/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void rulesThatMakeNoSenseAreProblems() {
        assertProblem(
                officer.post("/api/v1/erasure-rules", Map.of("datasetId", datasetId, "strategy", "RETAIN")),
                400,
                "reason is required");
        assertProblem(
                officer.post(
                        "/api/v1/erasure-rules",
                        Map.of("datasetId", datasetId, "fieldPath", "email", "strategy", "DELETE_ROW")),
                400,
                "DELETE_ROW is a rule for a dataset's whole records");
        assertProblem(
                officer.post("/api/v1/erasure-rules", Map.of("datasetId", datasetId, "strategy", "MASK")),
                400,
                "DELETE_ROW or RETAIN");
        assertProblem(
                officer.post("/api/v1/erasure-rules", Map.of("dataCategory", "contact.email", "strategy", "SHRED")),
                400,
                "strategy must be one of");
        assertProblem(
                officer.post("/api/v1/erasure-rules", Map.of("dataCategory", "no.such", "strategy", "MASK")),
                400,
                "no.such");
    }

    @Test
    void aSecondRuleForTheSameTargetAStaleVersionAndAMissingIfMatchAreRefused() {
        Map<String, Object> rule = Map.of("dataCategory", "contact.email", "strategy", "HASH");
        String id = body(officer.post("/api/v1/erasure-rules", rule)).get("id").asString();

        assertProblem(officer.post("/api/v1/erasure-rules", rule), 409, "exists already");
        assertProblem(officer.put("/api/v1/erasure-rules/" + id, null, rule), 428, "If-Match");
        officer.put("/api/v1/erasure-rules/" + id, "\"1\"", rule);
        assertProblem(officer.put("/api/v1/erasure-rules/" + id, "\"1\"", rule), 409, "version");
    }

    @Test
    void engineersAndAuditorsReadRulesButDoNotWriteThemAndOtherTenantsSeeNone() {
        String id = body(officer.post(
                        "/api/v1/erasure-rules", Map.of("datasetId", datasetId, "strategy", "DELETE_ROW")))
                .get("id")
                .asString();

        for (Role role : new Role[] {Role.ENGINEER, Role.AUDITOR}) {
            CatalogHttp reader = client(tenant, role);
            assertThat(reader.get("/api/v1/erasure-rules/" + id).statusCode()).isEqualTo(200);
            assertProblem(
                    reader.post("/api/v1/erasure-rules", Map.of("dataCategory", "contact.phone", "strategy", "NULL")),
                    403,
                    "");
        }
        CatalogHttp stranger = client(tenants.create(UniqueNames.of("other"), "Other AG"), Role.ADMIN);
        assertThat(stranger.get("/api/v1/erasure-rules/" + id).statusCode()).isEqualTo(404);
        assertThat(body(stranger.get("/api/v1/erasure-rules"))).isEmpty();
        assertThat(stranger.delete("/api/v1/erasure-rules/" + id, "\"1\"").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aHoldOnASubjectStoresAndReturnsOnlyKeyedHashes() {
        HttpResponse<String> placed = officer.post(
                "/api/v1/legal-holds",
                Map.of("identities", Map.of("email", " Ann.Subject@Example.com "), "reason", "Case 2026-117"));

        assertThat(placed.statusCode()).isEqualTo(201);
        assertThat(placed.body()).doesNotContainIgnoringCase("ann.subject");
        JsonNode hashes = body(placed).get("subjectHashes");
        assertThat(hashes).hasSize(1);
        assertThat(hashes.get(0).asString()).matches("[0-9a-f]{64}");
        assertThat(body(placed).get("systemId").isNull()).isTrue();

        HttpResponse<String> same = officer.post(
                "/api/v1/legal-holds",
                Map.of("identities", Map.of("email", "ann.subject@example.com"), "reason", "Case 2026-118"));
        assertThat(body(same).get("subjectHashes")).isEqualTo(hashes);
        assertThat(officer.get("/api/v1/legal-holds").body()).doesNotContainIgnoringCase("ann.subject");
    }

    @Test
    void aSubjectHoldWithAnotherScopeOrABadIdentityIsAProblemThatQuotesNoIdentity() {
        Map<String, Object> twoScopes = new HashMap<>();
        twoScopes.put("identities", Map.of("email", "bob@example.com"));
        twoScopes.put("datasetId", datasetId);
        twoScopes.put("reason", "Case 1");
        HttpResponse<String> both = officer.post("/api/v1/legal-holds", twoScopes);
        assertProblem(both, 400, "exactly one");
        assertThat(both.body()).doesNotContain("bob@example.com");

        HttpResponse<String> badType = officer.post(
                "/api/v1/legal-holds", Map.of("identities", Map.of("E-Mail", "bob@example.com"), "reason", "Case 2"));
        assertProblem(badType, 400, "identity type");
        assertThat(badType.body()).doesNotContain("bob@example.com");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body(response).get("detail").asString()).contains(detail);
    }

    private CatalogHttp client(Tenant owner, Role role) {
        String secret = UniqueNames.of("erasure-api-test-key-0123456789abcdef");
        as(
                owner.id(),
                () -> apiKeys.ensure(owner.id(), UniqueNames.of(role.name().toLowerCase()), secret, Set.of(role)));
        return new CatalogHttp(port, secret);
    }
}
