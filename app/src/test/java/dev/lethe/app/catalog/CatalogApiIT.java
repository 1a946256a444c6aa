package dev.lethe.app.catalog;

import static dev.lethe.app.catalog.CatalogHttp.body;
import static dev.lethe.app.catalog.CatalogHttp.etag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
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

class CatalogApiIT extends AppIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    AuditTrail trail;

    Tenant tenant;
    CatalogHttp officer;

    @BeforeEach
    void newTenant() {
        tenant = tenants.create(UniqueNames.of("catalog"), "Catalog Test GmbH");
        officer = client(tenant, Role.PRIVACY_OFFICER);
    }

    @Test
    void aSystemGoesThroughCreateReadUpdateDelete() {
        HttpResponse<String> created = officer.post("/api/v1/systems", system("shop-db"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(etag(created)).isEqualTo("\"1\"");
        String id = body(created).get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/systems/" + id);

        HttpResponse<String> read = officer.get("/api/v1/systems/" + id);
        assertThat(body(read).get("ownerTeam").asString()).isEqualTo("checkout");
        assertThat(body(read).get("revision").get("createdBy").asString()).startsWith("api_key:");

        Map<String, Object> changed = new java.util.HashMap<>(system("shop-db"));
        changed.put("description", "Orders and customers");
        HttpResponse<String> updated = officer.put("/api/v1/systems/" + id, etag(read), changed);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(etag(updated)).isEqualTo("\"2\"");
        assertThat(body(updated).get("description").asString()).isEqualTo("Orders and customers");

        assertThat(officer.delete("/api/v1/systems/" + id, null).statusCode()).isEqualTo(428);
        assertThat(officer.delete("/api/v1/systems/" + id, "\"2\"").statusCode())
                .isEqualTo(204);
        HttpResponse<String> gone = officer.get("/api/v1/systems/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void fieldsArePagedByCursorWithoutGapsOrRepeats() {
        String systemId = body(officer.post("/api/v1/systems", system("events")))
                .get("id")
                .asString();
        String datasetId = body(officer.post("/api/v1/datasets", dataset(systemId, "clicks")))
                .get("id")
                .asString();
        List<String> paths = List.of("a", "b", "c", "d", "e");
        for (String path : paths) {
            officer.post("/api/v1/fields", Map.of("datasetId", datasetId, "path", path, "categories", List.of()));
        }

        List<String> seen = new java.util.ArrayList<>();
        String after = null;
        for (int page = 0; page < 4; page++) {
            var items = body(officer.get(
                    "/api/v1/fields?datasetId=" + datasetId + "&limit=2" + (after == null ? "" : "&after=" + after)));
            items.forEach(item -> seen.add(item.get("path").asString()));
            if (items.isEmpty()) {
                break;
            }
            after = items.get(items.size() - 1).get("id").asString();
        }

        assertThat(seen).containsExactlyElementsOf(paths);
        assertThat(officer.get("/api/v1/fields?after=" + UUID.randomUUID()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aStaleVersionIsAConflict() {
        String id =
                body(officer.post("/api/v1/systems", system("crm"))).get("id").asString();
        assertThat(officer.put("/api/v1/systems/" + id, "\"1\"", system("crm")).statusCode())
                .isEqualTo(200);

        HttpResponse<String> stale = officer.put("/api/v1/systems/" + id, "\"1\"", system("crm-renamed"));

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(body(stale).get("currentVersion").asInt()).isEqualTo(2);
        assertThat(body(officer.get("/api/v1/systems/" + id)).get("name").asString())
                .isEqualTo("crm");
    }

    @Test
    void anotherTenantSeesNoneOfTheSystems() {
        String id = body(officer.post("/api/v1/systems", system("payroll")))
                .get("id")
                .asString();
        Tenant other = tenants.create(UniqueNames.of("catalog-other"), "Other");
        CatalogHttp stranger = client(other, Role.ADMIN);

        assertThat(body(stranger.get("/api/v1/systems"))).isEmpty();
        assertThat(stranger.get("/api/v1/systems/" + id).statusCode()).isEqualTo(404);
        assertThat(stranger.put("/api/v1/systems/" + id, "\"1\"", system("mine"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(stranger.delete("/api/v1/systems/" + id, "\"1\"").statusCode())
                .isEqualTo(404);
        assertThat(body(officer.get("/api/v1/systems"))).hasSize(1);
    }

    @Test
    void listsComeInPages() {
        for (String name : List.of("a-system", "b-system", "c-system")) {
            officer.post("/api/v1/systems", system(name));
        }

        JsonNode first = body(officer.get("/api/v1/systems?limit=2"));
        JsonNode rest = body(officer.get("/api/v1/systems?offset=2&limit=2"));

        assertThat(first.findValuesAsString("name")).containsExactly("a-system", "b-system");
        assertThat(rest.findValuesAsString("name")).containsExactly("c-system");
        assertThat(officer.get("/api/v1/fields?limit=5000").statusCode()).isEqualTo(400);
    }

    @Test
    void anAuditorReadsButDoesNotWrite() {
        CatalogHttp auditor = client(tenant, Role.AUDITOR);

        HttpResponse<String> refused = auditor.post("/api/v1/systems", system("x"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(body(refused).get("detail").asString()).contains("ENGINEER");
        assertThat(auditor.get("/api/v1/systems").statusCode()).isEqualTo(200);
        assertThat(client(tenant, Role.ENGINEER)
                        .post("/api/v1/retention-policies", Map.of("name", "r"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void invalidInputIsAProblemThatSaysWhat() {
        HttpResponse<String> noName = officer.post("/api/v1/systems", Map.of("description", "no name"));
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(body(noName).get("detail").asString()).isEqualTo("name is required");

        String systemId =
                body(officer.post("/api/v1/systems", system("db"))).get("id").asString();
        String datasetId = body(officer.post("/api/v1/datasets", dataset(systemId, "users")))
                .get("id")
                .asString();
        HttpResponse<String> unknownCategory = officer.post(
                "/api/v1/fields",
                Map.of("datasetId", datasetId, "path", "email", "categories", List.of("contact.telepathy")));

        assertThat(unknownCategory.statusCode()).isEqualTo(400);
        assertThat(body(unknownCategory).get("detail").asString())
                .contains("contact.telepathy")
                .contains("contact.email");
        assertThat(officer.post("/api/v1/systems", system("db")).statusCode()).isEqualTo(409);
    }

    @Test
    void discoveredFieldsAreConfirmedOrRejectedAndReadWithTheirDataset() {
        String systemId = body(officer.post("/api/v1/systems", system("warehouse")))
                .get("id")
                .asString();
        String datasetId = body(officer.post("/api/v1/datasets", dataset(systemId, "customers")))
                .get("id")
                .asString();
        HttpResponse<String> discovered = officer.post(
                "/api/v1/fields?status=DISCOVERED",
                Map.of(
                        "datasetId",
                        datasetId,
                        "path",
                        "email",
                        "dataType",
                        "text",
                        "categories",
                        List.of("contact.email"),
                        "confidence",
                        0.97));
        assertThat(body(discovered).get("status").asString()).isEqualTo("DISCOVERED");
        String fieldId = body(discovered).get("id").asString();

        HttpResponse<String> confirmed = officer.postIfMatch("/api/v1/fields/" + fieldId + "/confirm", "\"1\"");

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(body(confirmed).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(body(confirmed).get("confirmedBy").asString()).startsWith("api_key:");
        JsonNode dataset = body(officer.get("/api/v1/datasets/" + datasetId));
        assertThat(dataset.get("fields")).hasSize(1);
        assertThat(dataset.get("fields").get(0).get("categories").get(0).asString())
                .isEqualTo("contact.email");
        JsonNode listed =
                body(officer.get("/api/v1/datasets?systemId=" + systemId)).get(0);
        assertThat(listed.get("fieldCount").asInt()).isEqualTo(1);
        assertThat(listed.get("categories").toString()).isEqualTo("[\"contact.email\"]");
        assertThat(listed.has("fields")).as("lists carry summaries, not fields").isFalse();
        assertThat(body(officer.get("/api/v1/datasets?systemId=" + systemId + "&after=" + datasetId)))
                .as("the page after the last dataset")
                .isEmpty();

        HttpResponse<String> stillUsed = officer.delete("/api/v1/systems/" + systemId, "\"1\"");
        assertThat(stillUsed.statusCode()).isEqualTo(409);
        assertThat(body(stillUsed).get("detail").asString()).contains("customers");
    }

    @Test
    void tenantsExtendTheTaxonomy() {
        HttpResponse<String> created = officer.post(
                "/api/v1/categories", Map.of("code", "contact.fax", "parentCode", "contact", "name", "Fax number"));
        assertThat(created.statusCode()).isEqualTo(201);

        JsonNode categories = body(officer.get("/api/v1/categories"));
        assertThat(categories.findValuesAsString("code")).contains("contact.email", "special.health", "contact.fax");
        assertThat(body(client(tenants.create(UniqueNames.of("catalog-tax"), "T"), Role.AUDITOR)
                                .get("/api/v1/categories"))
                        .findValuesAsString("code"))
                .doesNotContain("contact.fax");
        assertThat(officer.post("/api/v1/categories", Map.of("code", "contact.email", "name", "Mine"))
                        .statusCode())
                .isEqualTo(409);
        assertThat(officer.post("/api/v1/purposes", Map.of("code", "loyalty", "name", "Loyalty programme"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void everyWriteIsAudited() {
        String id = body(officer.post("/api/v1/systems", system("audited")))
                .get("id")
                .asString();
        Map<String, Object> changed = new java.util.HashMap<>(system("audited"));
        changed.put("hostingRegion", "us-east-1");
        officer.put("/api/v1/systems/" + id, "\"1\"", changed);
        officer.delete("/api/v1/systems/" + id, "\"2\"");

        List<AuditEntry> entries = as(
                tenant.id(),
                () -> trail.page(tenant.id(), new AuditQuery(null, null, null, null, "system:" + id, null, 10)));

        assertThat(entries)
                .extracting(AuditEntry::action)
                .containsExactly("catalog.system.deleted", "catalog.system.updated", "catalog.system.created");
        AuditEntry update = entries.get(1);
        assertThat(update.details()).containsEntry("changed", "hosting_region").containsEntry("version", "2");
        assertThat(update.details().values()).noneMatch(value -> value.contains("us-east-1"));
        assertThat(update.actor().kind()).isEqualTo(dev.lethe.catalog.audit.Actor.Kind.API_KEY);
        assertThat(as(tenant.id(), () -> trail.verify(tenant.id())).intact()).isTrue();
    }

    private CatalogHttp client(Tenant owner, Role role) {
        String secret = UniqueNames.of("catalog-api-test-key-0123456789abcdef");
        as(
                owner.id(),
                () -> apiKeys.ensure(owner.id(), UniqueNames.of(role.name().toLowerCase()), secret, Set.of(role)));
        return new CatalogHttp(port, secret);
    }

    static Map<String, Object> system(String name) {
        return Map.of(
                "name", name,
                "ownerTeam", "checkout",
                "contact", "checkout-team@example.com",
                "environment", "PRODUCTION",
                "hostingRegion", "eu-central-1");
    }

    static Map<String, Object> dataset(String systemId, String name) {
        return Map.of("systemId", systemId, "name", name, "kind", "TABLE", "location", "public." + name);
    }
}
