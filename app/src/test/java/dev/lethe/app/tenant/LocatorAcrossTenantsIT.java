package dev.lethe.app.tenant;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The locator is one Elasticsearch index per tenant ({@code lethe-locator-<tenant>}), named from the
 * credential's tenant: another tenant's officer or admin finds nothing of the first tenant's subjects,
 * even where the first tenant's index holds entries under the very hash the other tenant computes, and
 * a tenant named in the body changes nothing.
 */
class LocatorAcrossTenantsIT extends AppIntegrationTest {

    private static final String SUBJECT = "cust-" + UUID.randomUUID();

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

    @Test
    void anotherTenantsCredentialFindsNoneOfTheFirstTenantsSubjects() throws Exception {
        Tenant first = tenants.create(UniqueNames.of("locator-a"), "Locator tenant A");
        Tenant second = tenants.create(UniqueNames.of("locator-b"), "Locator tenant B");
        String firstHash = hash(first, SUBJECT);
        String secondHash = hash(second, SUBJECT);
        assertThat(secondHash).as("subject hashes are keyed per tenant").isNotEqualTo(firstHash);
        // The first tenant's index holds the subject under its own hash, and (planted) under the hash the
        // second tenant computes: only the index the credential's tenant names may answer.
        new SubjectLocator(elasticsearch)
                .write(
                        first.id().toString(),
                        List.of(entry(firstHash, "orders.raw", 0), entry(secondHash, "orders.raw", 1)));
        elasticsearch
                .indices()
                .refresh(refresh ->
                        refresh.index(SubjectLocator.indexFor(first.id().toString())));

        HttpResponse<String> own =
                http(first, Role.PRIVACY_OFFICER).post("/api/v1/locator/search", Map.of("subject", SUBJECT));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(CatalogHttp.body(own).get("locations"))
                .as("the first tenant finds its subject")
                .hasSize(1);

        for (Role role : List.of(Role.PRIVACY_OFFICER, Role.ADMIN)) {
            CatalogHttp other = http(second, role);
            HttpResponse<String> searched = other.post("/api/v1/locator/search", Map.of("subject", SUBJECT));
            assertThat(searched.statusCode()).as(searched.body()).isEqualTo(200);
            JsonNode answer = CatalogHttp.body(searched);
            assertThat(answer.get("subjectHash").asString()).isEqualTo(secondHash);
            assertThat(answer.get("locations")).as(role + " of another tenant").isEmpty();

            HttpResponse<String> naming = other.post(
                    "/api/v1/locator/search",
                    Map.of(
                            "subject",
                            SUBJECT,
                            "tenant",
                            first.id().toString(),
                            "tenantId",
                            first.id().toString()));
            if (naming.statusCode() == 200) {
                assertThat(CatalogHttp.body(naming).get("locations"))
                        .as("a tenant named in the body")
                        .isEmpty();
            } else {
                assertThat(naming.statusCode()).as(naming.body()).isEqualTo(400);
            }
        }

        assertThat(lookups(first)).as("the first tenant's own lookup only").hasSize(1);
        assertThat(lookups(second))
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.target()).isEqualTo("subject-hash:" + secondHash));
    }

    private static LocatorEntry entry(String subjectHash, String topic, long offset) {
        return new LocatorEntry(
                subjectHash,
                "shop",
                "orders",
                topic,
                0,
                offset,
                "key-" + offset,
                Set.of("contact.email"),
                "2026-03-01T10:00:00Z",
                "2026-06-01T00:00:00Z");
    }

    private List<AuditEntry> lookups(Tenant tenant) {
        return as(
                tenant.id(),
                () -> trail.page(tenant.id(), new AuditQuery(null, null, null, "locator.search", null, null, 100)));
    }

    private String hash(Tenant tenant, String subject) {
        return as(
                tenant.id(),
                () -> vault.subjectHash(tenant.id().toString(), subject).hex());
    }

    private CatalogHttp http(Tenant tenant, Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(tenant.id(), () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role)));
        return new CatalogHttp(port, secret);
    }
}
