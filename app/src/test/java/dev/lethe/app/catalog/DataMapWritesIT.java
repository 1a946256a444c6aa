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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Activities, flows, retention policies and legal holds over HTTP, and how they refer to systems. */
class DataMapWritesIT extends AppIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    Tenant tenant;
    CatalogHttp officer;
    String systemId;

    @BeforeEach
    void aSystem() {
        tenant = tenants.create(UniqueNames.of("datamap"), "Data map test");
        officer = client(tenant, Role.PRIVACY_OFFICER);
        systemId = id(officer.post("/api/v1/systems", CatalogApiIT.system("billing")));
    }

    @Test
    void anActivityTakesItsPurposesBasisAndKeepsASystemInUse() {
        Map<String, Object> activity = activity("Invoicing", List.of(systemId));

        HttpResponse<String> created = officer.post("/api/v1/processing-activities", activity);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(body(created).get("legalBasis").asString()).isEqualTo("CONTRACT");
        assertThat(body(created).get("systems").get(0).get("name").asString()).isEqualTo("billing");
        HttpResponse<String> inUse = officer.delete("/api/v1/systems/" + systemId, "\"1\"");
        assertThat(inUse.statusCode()).isEqualTo(409);

        String activityId = body(created).get("id").asString();
        Map<String, Object> withoutSystems = activity("Invoicing", List.of());
        withoutSystems.put("legalBasis", "LEGAL_OBLIGATION");
        HttpResponse<String> updated =
                officer.put("/api/v1/processing-activities/" + activityId, etag(created), withoutSystems);
        assertThat(body(updated).get("legalBasis").asString()).isEqualTo("LEGAL_OBLIGATION");
        assertThat(body(updated).get("systems")).isEmpty();
        assertThat(officer.delete("/api/v1/systems/" + systemId, "\"1\"").statusCode())
                .isEqualTo(204);
    }

    @Test
    void anotherTenantsSystemCannotBeReferenced() {
        Tenant other = tenants.create(UniqueNames.of("datamap-other"), "Other");
        CatalogHttp stranger = client(other, Role.ADMIN);

        HttpResponse<String> refused =
                stranger.post("/api/v1/processing-activities", activity("Borrowed", List.of(systemId)));
        HttpResponse<String> dataset = stranger.post("/api/v1/datasets", CatalogApiIT.dataset(systemId, "x"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(dataset.statusCode()).isEqualTo(400);
    }

    @Test
    void aTransferOutsideTheEeaNeedsASafeguard() {
        Map<String, Object> flow = new HashMap<>();
        flow.put("name", "To the US");
        flow.put("fromSystemId", systemId);
        flow.put("externalRecipient", "Payments Inc.");
        flow.put("outsideEea", true);

        HttpResponse<String> refused = officer.post("/api/v1/data-flows", flow);
        flow.put("safeguard", "STANDARD_CONTRACTUAL_CLAUSES");
        HttpResponse<String> created = officer.post("/api/v1/data-flows", flow);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(body(refused).get("detail").asString()).contains("safeguard");
        assertThat(created.statusCode()).isEqualTo(201);
        String flowId = body(created).get("id").asString();
        assertThat(body(officer.get("/api/v1/data-flows")).findValuesAsString("id"))
                .containsExactly(flowId);
        assertThat(officer.delete("/api/v1/data-flows/" + flowId, "\"1\"").statusCode())
                .isEqualTo(204);
    }

    @Test
    void retentionPoliciesValidateTheirPeriodAndTarget() {
        HttpResponse<String> badPeriod = officer.post(
                "/api/v1/retention-policies",
                Map.of("name", "Bad", "dataCategory", "contact.email", "period", "ten years", "clock", "created_at"));
        HttpResponse<String> twoTargets = officer.post(
                "/api/v1/retention-policies",
                Map.of(
                        "name",
                        "Both",
                        "dataCategory",
                        "contact.email",
                        "datasetId",
                        systemId,
                        "period",
                        "P1Y",
                        "clock",
                        "created_at"));
        HttpResponse<String> created = officer.post(
                "/api/v1/retention-policies",
                Map.of("name", "Emails", "dataCategory", "contact.email", "period", "p90d", "clock", "created_at"));

        assertThat(badPeriod.statusCode()).isEqualTo(400);
        assertThat(body(badPeriod).get("detail").asString()).contains("ISO-8601");
        assertThat(twoTargets.statusCode()).isEqualTo(400);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(body(created).get("period").asString()).isEqualTo("P90D");
        assertThat(body(created).get("action").asString()).isEqualTo("DELETE");
        assertThat(body(created).get("enabled").asBoolean()).isTrue();

        Map<String, Object> disabled = new HashMap<>(
                Map.of("name", "Emails", "dataCategory", "contact.email", "period", "P90D", "clock", "created_at"));
        disabled.put("enabled", false);
        String policyId = body(created).get("id").asString();
        HttpResponse<String> updated = officer.put("/api/v1/retention-policies/" + policyId, "\"1\"", disabled);
        assertThat(body(updated).get("enabled").asBoolean()).isFalse();
    }

    @Test
    void aLegalHoldIsPlacedAndReleasedNotDeleted() {
        HttpResponse<String> placed = officer.post(
                "/api/v1/legal-holds",
                Map.of("systemId", systemId, "reason", "Case 2026-114", "heldUntil", "2027-06-30T00:00:00Z"));

        assertThat(placed.statusCode()).isEqualTo(201);
        assertThat(body(placed).get("placedBy").asString()).startsWith("api_key:");
        String holdId = body(placed).get("id").asString();

        HttpResponse<String> released = officer.postIfMatch("/api/v1/legal-holds/" + holdId + "/release", "\"1\"");

        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(body(released).get("releasedAt").isNull()).isFalse();
        assertThat(officer.delete("/api/v1/legal-holds/" + holdId, "\"2\"").statusCode())
                .isEqualTo(405);
        assertThat(client(tenant, Role.ENGINEER)
                        .post("/api/v1/legal-holds", Map.of("systemId", systemId, "reason", "r"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aRejectedFieldRecordsWhoRejectedIt() {
        String datasetId = id(officer.post("/api/v1/datasets", CatalogApiIT.dataset(systemId, "invoices")));
        CatalogHttp engineer = client(tenant, Role.ENGINEER);
        String fieldId = id(engineer.post(
                "/api/v1/fields?status=DISCOVERED",
                Map.of("datasetId", datasetId, "path", "note", "categories", List.of("identity.name"))));

        HttpResponse<String> rejected = engineer.postIfMatch("/api/v1/fields/" + fieldId + "/reject", "\"1\"");
        HttpResponse<String> again = engineer.postIfMatch("/api/v1/fields/" + fieldId + "/confirm", "\"1\"");

        assertThat(body(rejected).get("status").asString()).isEqualTo("REJECTED");
        assertThat(body(rejected).get("confirmedBy").asString()).startsWith("api_key:");
        assertThat(again.statusCode()).isEqualTo(409);
    }

    private static Map<String, Object> activity(String name, List<String> systemIds) {
        Map<String, Object> activity = new HashMap<>();
        activity.put("name", name);
        activity.put("purpose", "billing");
        activity.put("subjectCategories", List.of("customer"));
        activity.put("dataCategories", List.of("financial.bank_account"));
        activity.put("systemIds", systemIds);
        return activity;
    }

    private CatalogHttp client(Tenant owner, Role role) {
        String secret = UniqueNames.of("datamap-test-key-0123456789abcdef-01");
        as(
                owner.id(),
                () -> apiKeys.ensure(owner.id(), UniqueNames.of(role.name().toLowerCase()), secret, Set.of(role)));
        return new CatalogHttp(port, secret);
    }

    private static String id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created).get("id").asString();
    }
}
