package dev.lethe.ingest.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.dataset.FieldDiscovery;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ingest.FieldSighting;
import dev.lethe.ingest.ProtectionPolicy;
import dev.lethe.ingest.StreamDefinition;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Ingest's view of the catalog on the running application: confirmed fields in, discovered fields out. */
class CatalogDatasetFieldsIT extends AppIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    DSLContext dsl;

    @Autowired
    CatalogChanges changes;

    Tenant tenant;
    String key;
    String datasetId;
    StreamDefinition stream;
    CatalogDatasetFields fields;

    @BeforeEach
    void aDatasetAndItsStream() {
        tenant = tenants.create(UniqueNames.of("dataset-fields"), "Dataset fields");
        key = UniqueNames.of("dataset-fields-test-key-0123456789abcdef");
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), UniqueNames.of("engineer"), key, Set.of(Role.PRIVACY_OFFICER)));
        String systemId = id(post("/api/v1/systems", Map.of("name", "shop")));
        datasetId = id(post(
                "/api/v1/datasets", Map.of("systemId", systemId, "name", "orders", "kind", "TOPIC", "location", "o")));
        stream = new StreamDefinition(
                UniqueNames.of("orders"),
                tenant.id().toString(),
                "orders.raw",
                "orders.clean",
                "shop",
                "orders",
                "$.customer.id",
                ProtectionPolicy.fromNames(Map.of("*", "REDACT")));
        fields = new CatalogDatasetFields(
                new FieldDiscovery(dsl, changes), Duration.ofMillis(200), Duration.ofMillis(200));
        fields.start();
    }

    @AfterEach
    void stop() {
        fields.close();
    }

    @Test
    void aFieldConfirmedThroughTheApiIsServedAfterARefresh() {
        assertThat(fields.confirmed(stream)).isEmpty();
        HttpResponse<String> proposed = post(
                "/api/v1/fields?status=DISCOVERED",
                Map.of(
                        "datasetId",
                        datasetId,
                        "path",
                        "$.customer.iban",
                        "categories",
                        List.of("financial.bank_account")));
        String fieldId = id(proposed);
        assertThat(fields.confirmed(stream)).isEmpty();

        HttpResponse<String> confirmed = new CatalogHttp(port, key)
                .postIfMatch("/api/v1/fields/" + fieldId + "/confirm", CatalogHttp.etag(proposed));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);

        assertThat(eventually(() -> fields.confirmed(stream), map -> !map.isEmpty()))
                .isEqualTo(Map.of("$.customer.iban", Set.of("financial.bank_account")));
    }

    @Test
    void sightingsAreFlushedAsDiscoveredFieldsWithCountsAndConfidence() {
        fields.sighted(
                stream,
                List.of(
                        new FieldSighting("$.customer.email", "contact.email", 0.9),
                        new FieldSighting("$.customer.email", "contact.email", 0.97),
                        new FieldSighting("$.note", "contact.phone", 0.6)));
        fields.sighted(stream, List.of(new FieldSighting("$.customer.email", "contact.email", 0.8)));

        JsonNode listed = eventually(this::listFields, list -> list.size() == 2);

        JsonNode email = byPath(listed, "$.customer.email");
        assertThat(email.get("status").asString()).isEqualTo("DISCOVERED");
        assertThat(email.get("categories").get(0).asString()).isEqualTo("contact.email");
        assertThat(email.get("confidence").decimalValue()).isEqualByComparingTo("0.970");
        assertThat(email.get("sampleCount").asLong()).isEqualTo(3);
        assertThat(byPath(listed, "$.note").get("sampleCount").asLong()).isEqualTo(1);
    }

    @Test
    void closeFlushesWhatIsLeft() {
        var slow = new CatalogDatasetFields(
                new FieldDiscovery(dsl, changes), Duration.ofMinutes(1), Duration.ofMinutes(1));
        slow.start();
        List<FieldSighting> sightings = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sightings.add(new FieldSighting("$.items[*].f" + i, "contact.email", 0.8));
        }
        slow.sighted(stream, sightings);
        assertThat(listFields()).isEmpty();

        long started = System.nanoTime();
        slow.close();
        System.out.printf(
                "CatalogDatasetFields: flush of 1000 distinct paths took %d ms%n",
                (System.nanoTime() - started) / 1_000_000);

        assertThat(get("/api/v1/fields?datasetId=" + datasetId + "&limit=1000").size())
                .isEqualTo(1000);
    }

    private JsonNode listFields() {
        return get("/api/v1/fields?datasetId=" + datasetId);
    }

    private static JsonNode byPath(JsonNode fields, String path) {
        for (JsonNode field : fields) {
            if (field.get("path").asString().equals(path)) {
                return field;
            }
        }
        throw new AssertionError("no field " + path + " in " + fields);
    }

    private static <T> T eventually(Supplier<T> read, Predicate<T> done) {
        return Eventually.read(read, done, Duration.ofSeconds(10));
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = new CatalogHttp(port, key).get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, Object body) {
        return new CatalogHttp(port, key).post(path, body);
    }

    private static String id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }
}
