package dev.lethe.app.catalog;

import static dev.lethe.app.catalog.CatalogHttp.body;
import static dev.lethe.catalog.jooq.Tables.RETENTION_RUN;
import static dev.lethe.catalog.jooq.Tables.RETENTION_RUN_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A small example company's catalog, and its record of processing in every format. */
class RecordOfProcessingIT extends AppIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    CatalogHttp officer;
    CatalogHttp auditor;
    Tenant tenant;
    String orders;
    String ordersPolicy;

    @BeforeEach
    void exampleCompany() {
        tenant = tenants.create(UniqueNames.of("ropa"), "Example Shop AG");
        officer = client(tenant, Role.PRIVACY_OFFICER);
        auditor = client(tenant, Role.AUDITOR);

        String shop = id(officer.post("/api/v1/systems", CatalogApiIT.system("shop-db")));
        orders = id(officer.post("/api/v1/datasets", CatalogApiIT.dataset(shop, "orders")));
        id(officer.post("/api/v1/datasets", CatalogApiIT.dataset(shop, "audit_notes")));
        Map<String, Object> activity = new HashMap<>();
        activity.put("name", "Order fulfilment");
        activity.put("purpose", "service_delivery");
        activity.put("subjectCategories", List.of("customer"));
        activity.put("dataCategories", List.of("contact.email", "contact.address", "special.health"));
        activity.put("recipients", List.of("Parcel carrier"));
        activity.put("systemIds", List.of(shop));
        String activityId = id(officer.post("/api/v1/processing-activities", activity));

        Map<String, Object> flow = new HashMap<>();
        flow.put("name", "Support desk export");
        flow.put("activityId", activityId);
        flow.put("fromSystemId", shop);
        flow.put("externalRecipient", "HelpdeskCo Inc.");
        flow.put("dataCategories", List.of("contact.email"));
        flow.put("outsideEea", true);
        flow.put("destinationCountry", "US");
        flow.put("safeguard", "STANDARD_CONTRACTUAL_CLAUSES");
        assertThat(officer.post("/api/v1/data-flows", flow).statusCode()).isEqualTo(201);

        ordersPolicy = id(officer.post(
                "/api/v1/retention-policies",
                Map.of(
                        "name",
                        "Orders after ten years",
                        "datasetId",
                        orders,
                        "period",
                        "P10Y",
                        "clock",
                        "created_at")));
        assertThat(officer.post(
                                "/api/v1/retention-policies",
                                Map.of(
                                        "name", "Contact data",
                                        "dataCategory", "contact",
                                        "period", "P2Y",
                                        "clockKind", "EVENT",
                                        "clock", "customer.closed",
                                        "action", "ANONYMIZE"))
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void jsonListsEachActivityWithBasisCategoriesTransfersAndRetention() {
        HttpResponse<String> response = auditor.get("/api/v1/catalog/record-of-processing?format=json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode record = body(response);
        assertThat(record.get("controller").asString()).isEqualTo("Example Shop AG");
        JsonNode activity = record.get("activities").get(0);
        assertThat(activity.get("name").asString()).isEqualTo("Order fulfilment");
        assertThat(activity.get("legalBasis").asString()).isEqualTo("CONTRACT");
        assertThat(activity.get("dataCategories").toString()).contains("contact.email", "special.health");
        assertThat(activity.get("specialCategories").toString()).contains("special.health");
        assertThat(activity.get("subjectCategories").toString()).contains("customer");
        assertThat(activity.get("systems").toString()).contains("shop-db");
        JsonNode transfer = activity.get("transfers").get(0);
        assertThat(transfer.get("outsideEea").asBoolean()).isTrue();
        assertThat(transfer.get("safeguard").asString()).isEqualTo("STANDARD_CONTRACTUAL_CLAUSES");
        assertThat(activity.get("retention").findValuesAsString("period")).containsExactlyInAnyOrder("P10Y", "P2Y");
    }

    @Test
    void csvHasOneRowPerActivity() {
        HttpResponse<String> response = auditor.get("/api/v1/catalog/record-of-processing?format=csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        String[] lines = response.body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("\"activity\",\"description\",\"purpose\",\"legal_basis\"");
        assertThat(lines[1])
                .contains("Order fulfilment", "CONTRACT", "contact.email", "special.health", "P10Y", "P2Y")
                .contains("STANDARD_CONTRACTUAL_CLAUSES");
    }

    @Test
    void htmlIsAPrintablePage() {
        HttpResponse<String> response = auditor.get("/api/v1/ropa?format=html");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("<!DOCTYPE html>")
                .contains("Record of processing activities (GDPR Art. 30)")
                .contains("<h2>Order fulfilment</h2>")
                .contains("CONTRACT", "contact.address", "special.health", "P10Y", "HelpdeskCo Inc.")
                .contains("@media print");
        assertThat(auditor.get("/api/v1/ropa?format=pdf").statusCode()).isEqualTo(400);
    }

    @Test
    void eachDatasetShowsItsPolicyAndWhenARetentionRunLastEnforcedIt() {
        enforced(Instant.parse("2026-11-30T03:00:09Z"));
        enforced(Instant.parse("2026-12-01T03:00:12Z"));

        JsonNode rows = body(auditor.get("/api/v1/ropa")).get("retentionByDataset");
        HttpResponse<String> csv = auditor.get("/api/v1/ropa?format=csv&section=retention");
        HttpResponse<String> text = auditor.get("/api/v1/ropa?format=text");

        assertThat(rows).hasSize(2);
        JsonNode notes = rows.get(0);
        JsonNode ordersRow = rows.get(1);
        assertThat(notes.get("dataset").asString()).isEqualTo("audit_notes");
        assertThat(notes.get("policy").isNull())
                .as("a dataset no policy governs is shown")
                .isTrue();
        assertThat(ordersRow.get("policy").asString()).isEqualTo("Orders after ten years");
        assertThat(ordersRow.get("scope").asString()).isEqualTo("dataset");
        assertThat(ordersRow.get("lastEnforced").asString()).isEqualTo("2026-12-01T03:00:12Z");
        assertThat(csv.body().split("\r\n"))
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("\"orders\"", "2026-12-01T03:00:12Z"));
        assertThat(text.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(text.body())
                .contains(
                        "shop-db/orders: Orders after ten years: DELETE after P10Y (dataset), last enforced 2026-12-01 03:00 UTC")
                .contains("shop-db/audit_notes: no retention policy");
        assertThat(auditor.get("/api/v1/ropa?format=csv&section=nope").statusCode())
                .isEqualTo(400);
    }

    /** A retention run that enforced the orders policy on the orders dataset, finishing {@code at}. */
    private void enforced(Instant at) {
        UUID run = UUID.randomUUID();
        OffsetDateTime finished = at.atOffset(ZoneOffset.UTC);
        owner().insertInto(RETENTION_RUN)
                .set(RETENTION_RUN.ID, run)
                .set(RETENTION_RUN.TENANT_ID, tenant.id())
                .set(RETENTION_RUN.TRIGGER, "SCHEDULED")
                .set(RETENTION_RUN.REQUESTED_BY, "schedule")
                .set(RETENTION_RUN.PLANNED_FOR, finished)
                .set(RETENTION_RUN.STARTED_AT, finished)
                .set(RETENTION_RUN.FINISHED_AT, finished)
                .set(RETENTION_RUN.STATUS, "COMPLETED")
                .execute();
        owner().insertInto(RETENTION_RUN_TASK)
                .set(RETENTION_RUN_TASK.ID, UUID.randomUUID())
                .set(RETENTION_RUN_TASK.RUN_ID, run)
                .set(RETENTION_RUN_TASK.TENANT_ID, tenant.id())
                .set(RETENTION_RUN_TASK.SEQ, 1)
                .set(RETENTION_RUN_TASK.POLICY_ID, UUID.fromString(ordersPolicy))
                .set(RETENTION_RUN_TASK.POLICY_NAME, "Orders after ten years")
                .set(RETENTION_RUN_TASK.DATASET_ID, UUID.fromString(orders))
                .set(RETENTION_RUN_TASK.DATASET, "orders")
                .set(RETENTION_RUN_TASK.CUTOFF, finished.minusYears(10))
                .set(RETENTION_RUN_TASK.ACTION, "DELETE")
                .set(RETENTION_RUN_TASK.STATE, "DONE")
                .set(RETENTION_RUN_TASK.FINISHED_AT, finished)
                .execute();
    }

    private CatalogHttp client(Tenant owner, Role role) {
        String secret = UniqueNames.of("ropa-test-key-0123456789abcdef-0123");
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
