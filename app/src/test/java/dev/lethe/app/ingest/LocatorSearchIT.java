package dev.lethe.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ingest.LocatorEntry;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.vault.Vault;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/locator/search} on the running application, over locator entries written by
 * ingest's own writer: where a subject's records are, per system, dataset and topic, audited
 * without the subject's id, and only for PRIVACY_OFFICER and ADMIN.
 */
class LocatorSearchIT extends AppIntegrationTest {

    private static final String SUBJECT = "cust-4711";

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Vault vault;

    @Autowired
    AuditTrail trail;

    @Autowired
    ElasticsearchClient elasticsearch;

    Tenant tenant;
    String tenantId;

    @BeforeEach
    void aSubjectWithRecordsInTwoSystems() throws Exception {
        tenant = tenants.create(UniqueNames.of("locator"), "Locator test");
        tenantId = tenant.id().toString();
        String subject = hash(SUBJECT);
        String other = hash("cust-other");
        List<LocatorEntry> entries = new ArrayList<>();
        entries.add(entry(subject, "shop", "orders", "orders.raw", 0, "2026-03-01T10:00:00Z", "contact.email"));
        entries.add(entry(subject, "shop", "orders", "orders.raw", 1, "2026-01-15T08:30:00Z", "financial.card"));
        entries.add(entry(subject, "shop", "orders", "orders.raw", 2, "2026-02-20T12:00:00Z", "contact.email"));
        entries.add(entry(subject, "shop", "orders", "orders.eu", 0, "2026-04-02T00:00:00Z", "contact.phone"));
        entries.add(entry(subject, "crm", "contacts", "crm.contacts", 7, "2025-12-31T23:59:59Z", "contact.name"));
        entries.add(entry(other, "shop", "orders", "orders.raw", 3, "2026-05-01T00:00:00Z", "contact.email"));
        new SubjectLocator(elasticsearch).write(tenantId, entries);
        elasticsearch.indices().refresh(refresh -> refresh.index(SubjectLocator.indexFor(tenantId)));
    }

    @Test
    void theSubjectsRecordsAreCountedPerSystemDatasetAndTopicWithCategoriesAndFirstAndLastSeen() {
        HttpResponse<String> response = http(Role.PRIVACY_OFFICER)
                .post("/api/v1/locator/search", Map.of("subject", SUBJECT, "requestId", "dsar-17"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = CatalogHttp.body(response);
        assertThat(answer.get("subjectHash").asString()).isEqualTo(hash(SUBJECT));
        assertThat(answer.get("locations")).hasSize(3);
        JsonNode raw = location(answer, "shop", "orders", "orders.raw");
        assertThat(raw.get("records").asLong()).isEqualTo(3);
        assertThat(raw.get("categories").toString()).isEqualTo("[\"contact.email\",\"financial.card\"]");
        assertThat(raw.get("firstSeen").asString()).isEqualTo("2026-01-15T08:30:00Z");
        assertThat(raw.get("lastSeen").asString()).isEqualTo("2026-03-01T10:00:00Z");
        JsonNode eu = location(answer, "shop", "orders", "orders.eu");
        assertThat(eu.get("records").asLong()).isEqualTo(1);
        assertThat(eu.get("firstSeen").asString()).isEqualTo("2026-04-02T00:00:00Z");
        assertThat(eu.get("lastSeen").asString()).isEqualTo("2026-04-02T00:00:00Z");
        JsonNode crm = location(answer, "crm", "contacts", "crm.contacts");
        assertThat(crm.get("records").asLong()).isEqualTo(1);
        assertThat(crm.get("categories").toString()).isEqualTo("[\"contact.name\"]");
        assertThat(response.body()).doesNotContain(SUBJECT, "2026-05-01");
    }

    @Test
    void everyLookupIsAuditedUnderTheSubjectsHashNeverItsId() {
        http(Role.ADMIN).post("/api/v1/locator/search", Map.of("subject", SUBJECT, "requestId", "dsar-18"));
        http(Role.PRIVACY_OFFICER).post("/api/v1/locator/search", Map.of("subject", "cust-nobody"));

        List<AuditEntry> lookups = as(
                tenant.id(),
                () -> trail.page(tenant.id(), new AuditQuery(null, null, null, "locator.search", null, null, 100)));

        assertThat(lookups).hasSize(2);
        AuditEntry first = lookups.stream()
                .filter(entry -> entry.target().equals("subject-hash:" + hash(SUBJECT)))
                .findFirst()
                .orElseThrow();
        assertThat(first.details()).containsEntry("requestId", "dsar-18").containsEntry("locations", "3");
        assertThat(lookups)
                .extracting(AuditEntry::target)
                .containsExactlyInAnyOrder("subject-hash:" + hash(SUBJECT), "subject-hash:" + hash("cust-nobody"));
        assertThat(lookups.toString()).doesNotContain(SUBJECT, "cust-nobody");
    }

    @Test
    void perRecordDocumentsWrittenBeforeAggregationAreCountedWithTheAggregatedOnes() throws Exception {
        String index = SubjectLocator.indexFor(tenantId);
        for (LocatorEntry old : List.of(
                entry(hash(SUBJECT), "shop", "orders", "orders.raw", 40, "2025-11-30T00:00:00Z", "contact.phone"),
                entry(hash(SUBJECT), "shop", "orders", "orders.raw", 41, "2026-02-01T00:00:00Z", "contact.email"))) {
            // As the release before wrote them: one document per record, under the record's position.
            elasticsearch.index(put -> put.index(index).id(old.id()).document(old));
        }
        elasticsearch.indices().refresh(refresh -> refresh.index(index));

        HttpResponse<String> response =
                http(Role.PRIVACY_OFFICER).post("/api/v1/locator/search", Map.of("subject", SUBJECT));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode raw = location(CatalogHttp.body(response), "shop", "orders", "orders.raw");
        assertThat(raw.get("records").asLong()).isEqualTo(5);
        assertThat(raw.get("categories").toString())
                .isEqualTo("[\"contact.email\",\"contact.phone\",\"financial.card\"]");
        assertThat(raw.get("firstSeen").asString()).isEqualTo("2025-11-30T00:00:00Z");
        assertThat(raw.get("lastSeen").asString()).isEqualTo("2026-03-01T10:00:00Z");
    }

    @Test
    void onlyPrivacyOfficersAndAdminsMayLookUpASubject() {
        Map<String, String> query = Map.of("subject", SUBJECT);

        assertThat(http(Role.PRIVACY_OFFICER)
                        .post("/api/v1/locator/search", query)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http(Role.ADMIN).post("/api/v1/locator/search", query).statusCode())
                .isEqualTo(200);
        assertThat(http(Role.ENGINEER).post("/api/v1/locator/search", query).statusCode())
                .isEqualTo(403);
        assertThat(http(Role.AUDITOR).post("/api/v1/locator/search", query).statusCode())
                .isEqualTo(403);
        assertThat(new CatalogHttp(port, "not-a-key-0123456789abcdef0123456789")
                        .post("/api/v1/locator/search", query)
                        .statusCode())
                .isEqualTo(401);
        assertThat(as(
                        tenant.id(),
                        () -> trail.page(
                                tenant.id(), new AuditQuery(null, null, null, "locator.search", null, null, 100))))
                .hasSize(2);
    }

    @Test
    void aSubjectWithNoRecordsHasNoLocationsAndABlankSubjectIsRefused() {
        HttpResponse<String> unknown =
                http(Role.PRIVACY_OFFICER).post("/api/v1/locator/search", Map.of("subject", "cust-nobody"));
        HttpResponse<String> blank = http(Role.PRIVACY_OFFICER).post("/api/v1/locator/search", Map.of("subject", " "));

        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(CatalogHttp.body(unknown).get("locations")).isEmpty();
        assertThat(blank.statusCode()).isEqualTo(400);
    }

    private LocatorEntry entry(
            String subjectHash,
            String system,
            String dataset,
            String topic,
            long offset,
            String recordTime,
            String category) {
        return new LocatorEntry(
                subjectHash,
                system,
                dataset,
                topic,
                0,
                offset,
                "key-" + offset,
                Set.of(category),
                recordTime,
                "2026-06-01T00:00:00Z");
    }

    private static JsonNode location(JsonNode answer, String system, String dataset, String topic) {
        for (JsonNode location : answer.get("locations")) {
            if (location.get("system").asString().equals(system)
                    && location.get("dataset").asString().equals(dataset)
                    && location.get("topic").asString().equals(topic)) {
                return location;
            }
        }
        throw new AssertionError("no location " + system + "/" + dataset + "/" + topic + " in " + answer);
    }

    private String hash(String subject) {
        return as(tenant.id(), () -> vault.subjectHash(tenantId, subject).hex());
    }

    private CatalogHttp http(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(tenant.id(), () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role)));
        return new CatalogHttp(port, secret);
    }
}
