package dev.lethe.app.catalog;

import static dev.lethe.app.catalog.CatalogHttp.body;
import static dev.lethe.app.catalog.CatalogHttp.etag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.UniqueNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

class CatalogSearchIT extends AppIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    Tenant tenant;
    CatalogHttp officer;

    @BeforeEach
    void newTenant() {
        tenant = tenants.create(UniqueNames.of("search"), "Search Test GmbH");
        officer = client(tenant, Role.PRIVACY_OFFICER);
    }

    @Test
    void aPhoneFieldIsFoundByItsCategoryAndVanishesWhenDeleted() {
        String systemId = body(officer.post("/api/v1/systems", CatalogApiIT.system("crm")))
                .get("id")
                .asString();
        String datasetId = body(officer.post("/api/v1/datasets", CatalogApiIT.dataset(systemId, "contacts")))
                .get("id")
                .asString();
        var field = officer.post(
                "/api/v1/fields",
                Map.of("datasetId", datasetId, "path", "mobile", "categories", List.of("contact.phone")));
        assertThat(field.statusCode()).isEqualTo(201);
        String fieldId = body(field).get("id").asString();

        JsonNode hits = awaitSearch(officer, "phone", found -> ids(found).contains(fieldId));
        JsonNode hit = hits.get(0);
        assertThat(hit.get("kind").asString()).isEqualTo("field");
        assertThat(hit.get("name").asString()).isEqualTo("mobile");
        assertThat(hit.get("context").asString()).isEqualTo("crm / contacts");
        assertThat(hit.get("categories").get(0).asString()).isEqualTo("contact.phone");
        assertThat(hit.get("score").asDouble()).isPositive();
        assertThat(ids(awaitSearch(officer, "contacts", found -> ids(found).contains(datasetId))))
                .contains(datasetId);
        assertThat(ids(awaitSearch(officer, "crm", found -> ids(found).contains(systemId))))
                .contains(systemId);

        CatalogHttp stranger = client(tenants.create(UniqueNames.of("search-other"), "Other"), Role.ADMIN);
        assertThat(body(stranger.get("/api/v1/catalog/search?q=phone")).get("hits"))
                .isEmpty();

        assertThat(officer.delete("/api/v1/fields/" + fieldId, etag(officer.get("/api/v1/fields/" + fieldId)))
                        .statusCode())
                .isEqualTo(204);
        awaitSearch(officer, "phone", found -> !ids(found).contains(fieldId));
        assertThat(pendingOutboxRows()).isZero();
    }

    @Test
    void aRenamedDatasetIsFoundByItsNewNameAndTheOldOneNoLonger() {
        String systemId = body(officer.post("/api/v1/systems", CatalogApiIT.system("billing")))
                .get("id")
                .asString();
        var created = officer.post("/api/v1/datasets", CatalogApiIT.dataset(systemId, "invoices"));
        String datasetId = body(created).get("id").asString();
        awaitSearch(officer, "invoices", found -> ids(found).contains(datasetId));

        assertThat(officer.put(
                                "/api/v1/datasets/" + datasetId,
                                etag(created),
                                CatalogApiIT.dataset(systemId, "receipts"))
                        .statusCode())
                .isEqualTo(200);

        awaitSearch(officer, "receipts", found -> ids(found).contains(datasetId));
        awaitSearch(officer, "invoices", found -> !ids(found).contains(datasetId));
    }

    @Test
    void rebuildReindexesTheTenantFromPostgres() {
        String systemId = body(officer.post("/api/v1/systems", CatalogApiIT.system("warehouse")))
                .get("id")
                .asString();
        awaitSearch(officer, "warehouse", found -> ids(found).contains(systemId));

        var rebuilt = officer.post("/api/v1/catalog/search/rebuild", Map.of());

        assertThat(rebuilt.statusCode()).isEqualTo(200);
        assertThat(body(rebuilt).get("indexed").asInt()).isEqualTo(1);
        assertThat(ids(search(officer, "warehouse"))).containsExactly(systemId);
        assertThat(client(tenant, Role.ENGINEER)
                        .post("/api/v1/catalog/search/rebuild", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(client(tenant, Role.AUDITOR)
                        .get("/api/v1/catalog/search?q=ware")
                        .statusCode())
                .isEqualTo(200);
        assertThat(officer.get("/api/v1/catalog/search?q=x&limit=0").statusCode())
                .isEqualTo(400);
    }

    /**
     * The hits of a search. A 503 with {@code Retry-After} (an index whose shard is not active yet)
     * is the contract a client retries on, so the test does too; anything else but 200 fails.
     */
    private static JsonNode search(CatalogHttp http, String query) {
        String path = "/api/v1/catalog/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        var response = Eventually.read(
                () -> http.get(path),
                answer -> answer.statusCode() != 503
                        || answer.headers().firstValue("Retry-After").isEmpty(),
                PATIENCE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return body(response).get("hits");
    }

    /** Polls the search until its hits satisfy {@code done} (the index follows the outbox). */
    private static JsonNode awaitSearch(CatalogHttp http, String query, Predicate<JsonNode> done) {
        return Eventually.require(
                "search for '" + query + "' never satisfied the test", () -> search(http, query), done, PATIENCE);
    }

    private static List<String> ids(JsonNode hits) {
        return hits.findValuesAsString("id");
    }

    private int pendingOutboxRows() {
        return owner().fetchCount(
                        DSL.table("catalog_outbox"), DSL.field("tenant_id").eq(tenant.id()));
    }

    private CatalogHttp client(Tenant owner, Role role) {
        String secret = UniqueNames.of("catalog-search-test-key-0123456789abcdef");
        as(
                owner.id(),
                () -> apiKeys.ensure(owner.id(), UniqueNames.of(role.name().toLowerCase()), secret, Set.of(role)));
        return new CatalogHttp(port, secret);
    }
}
