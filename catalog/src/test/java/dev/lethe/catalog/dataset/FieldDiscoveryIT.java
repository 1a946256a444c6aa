package dev.lethe.catalog.dataset;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static dev.lethe.catalog.jooq.Tables.CATALOG_OUTBOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.CatalogTestDatabase;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.dataset.FieldDiscovery.Outcome;
import dev.lethe.catalog.dataset.FieldDiscovery.Sighting;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.system.SystemDraft;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.UniqueNames;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link FieldDiscovery} on the real PostgreSQL, migrated by Flyway, as the application's role
 * under row-level security (each connection carries the tenant of {@link TenantContext}).
 */
@ExtendWith(LocalServicesExtension.class)
class FieldDiscoveryIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DSLContext owner;
    private static DSLContext app;
    private static FieldDiscovery discovery;
    private static DataSystems systems;
    private static Datasets datasets;
    private static DataFields fields;

    private UUID tenant;
    private UUID datasetId;
    private String system;
    private String dataset;
    private Editor engineer;

    @BeforeAll
    static void database() throws SQLException {
        CatalogTestDatabase database = CatalogTestDatabase.create("lethe_catalog");
        owner = database.owner();
        app = database.app();
        var changes = database.changes();
        discovery = new FieldDiscovery(app, changes);
        systems = new DataSystems(app, changes);
        datasets = new Datasets(app, changes);
        fields = new DataFields(app, changes, new Taxonomy(app, changes));
    }

    @BeforeEach
    void tenantWithDataset() {
        tenant = new Tenants(owner)
                .create(UniqueNames.of("discovery"), "Discovery")
                .id();
        engineer = new Editor(tenant, Actor.apiKey("engineer"));
        system = "shop";
        dataset = "orders";
        datasetId = as(() -> {
            UUID systemId = systems.create(engineer, new SystemDraft(system, null, null, null, null, null))
                    .id();
            return datasets.create(engineer, new DatasetDraft(systemId, dataset, "TOPIC", "orders.raw", null))
                    .id();
        });
    }

    @Test
    void newPathBecomesADiscoveredFieldWithCountsAndTheHighestConfidence() {
        Outcome outcome = record(
                new Sighting("$.customer.email", "contact.email", 7, 0.8),
                new Sighting("$.customer.email", "contact.email", 3, 0.95),
                new Sighting("$.note", "contact.phone", 1, 0.6));

        assertThat(outcome).isEqualTo(new Outcome(2, 0, 2));
        DataField email = field("$.customer.email");
        assertThat(email.status()).isEqualTo(FieldStatus.DISCOVERED);
        assertThat(email.categories()).containsExactly("contact.email");
        assertThat(email.confidence()).isEqualByComparingTo("0.950");
        assertThat(email.sampleCount()).isEqualTo(10);
        assertThat(email.firstSeenAt()).isEqualTo(email.lastSeenAt());
        assertThat(email.revision().createdBy()).isEqualTo("system:ingest");
        assertThat(email.revision().version()).isEqualTo(1);
        assertThat(field("$.note").sampleCount()).isEqualTo(1);
        assertThat(outbox("created"))
                .containsExactlyInAnyOrder(email.id(), field("$.note").id());
    }

    @Test
    void newCategoryIsMergedIntoADiscoveredField() {
        record(new Sighting("$.contact", "contact.email", 2, 0.7));
        DataField before = field("$.contact");

        Outcome outcome = record(
                new Sighting("$.contact", "contact.phone", 4, 0.6), new Sighting("$.contact", "contact.email", 1, 0.5));

        assertThat(outcome).isEqualTo(new Outcome(0, 1, 1));
        DataField after = field("$.contact");
        assertThat(after.categories()).containsExactly("contact.email", "contact.phone");
        assertThat(after.confidence()).isEqualByComparingTo("0.700");
        assertThat(after.sampleCount()).isEqualTo(7);
        assertThat(after.firstSeenAt()).isEqualTo(before.firstSeenAt());
        assertThat(after.lastSeenAt()).isAfter(before.lastSeenAt());
        assertThat(after.revision().version()).isEqualTo(2);
        assertThat(outbox("updated")).containsExactly(after.id());
    }

    @Test
    void sameCategoriesOnlyCountAndTouchLastSeenWithoutANewVersion() {
        record(new Sighting("$.email", "contact.email", 2, 0.9));
        DataField before = field("$.email");

        Outcome outcome = record(new Sighting("$.email", "contact.email", 5, 0.8));

        assertThat(outcome).isEqualTo(new Outcome(0, 0, 1));
        DataField after = field("$.email");
        assertThat(after.sampleCount()).isEqualTo(7);
        assertThat(after.lastSeenAt()).isAfter(before.lastSeenAt());
        assertThat(after.revision()).isEqualTo(before.revision());
        assertThat(discoveryAudits()).hasSize(1);
    }

    @Test
    void confirmedFieldKeepsItsCategoriesAndOnlyGetsLastSeenAndCount() {
        DataField confirmed = as(() -> fields.create(
                engineer,
                new FieldDraft(datasetId, "$.iban", "", List.of("financial.bank_account"), null),
                FieldStatus.CONFIRMED));

        Outcome outcome = record(new Sighting("$.iban", "contact.phone", 3, 0.99));

        assertThat(outcome).isEqualTo(new Outcome(0, 0, 1));
        DataField after = field("$.iban");
        assertThat(after.status()).isEqualTo(FieldStatus.CONFIRMED);
        assertThat(after.categories()).containsExactly("financial.bank_account");
        assertThat(after.confidence()).isNull();
        assertThat(after.sampleCount()).isEqualTo(3);
        assertThat(after.lastSeenAt()).isAfter(confirmed.lastSeenAt());
        assertThat(after.revision()).isEqualTo(confirmed.revision());
        assertThat(as(() -> discovery.confirmed(tenant, system, dataset)))
                .isEqualTo(Map.of("$.iban", Set.of("financial.bank_account")));
    }

    @Test
    void rejectedFieldIsNotProposedAgain() {
        record(new Sighting("$.sku", "financial.card", 1, 0.55));
        DataField discovered = field("$.sku");
        as(() -> fields.decide(engineer, discovered.id(), discovered.revision().version(), FieldStatus.REJECTED));

        Outcome outcome = record(
                new Sighting("$.sku", "financial.card", 2, 0.9), new Sighting("$.sku", "government_id.tax", 1, 0.9));

        assertThat(outcome).isEqualTo(new Outcome(0, 0, 1));
        DataField after = field("$.sku");
        assertThat(after.status()).isEqualTo(FieldStatus.REJECTED);
        assertThat(after.categories()).containsExactly("financial.card");
        assertThat(after.confidence()).isEqualByComparingTo("0.550");
        assertThat(after.sampleCount()).isEqualTo(4);
        assertThat(as(() -> discovery.confirmed(tenant, system, dataset))).isEmpty();
    }

    @Test
    void concurrentFlushesOfTheSameNewPathGiveOneRowWithTheSummedCount() throws Exception {
        var firstInserted = new CountDownLatch(1);
        var releaseFirst = new CountDownLatch(1);
        // The first flush inserts the path and holds its transaction open; the second must wait for
        // it on the unique (dataset_id, path) and then add to the row it committed.
        CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(() -> as(() -> app.transactionResult(tx -> {
            Outcome outcome = discovery.record(
                    tenant, system, dataset, List.of(new Sighting("$.phone", "contact.phone", 5, 0.7)));
            firstInserted.countDown();
            releaseFirst.await(30, TimeUnit.SECONDS);
            return outcome;
        })));
        assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Outcome> second = CompletableFuture.supplyAsync(() -> as(() -> discovery.record(
                tenant,
                system,
                dataset,
                List.of(
                        new Sighting("$.phone", "contact.phone", 3, 0.9),
                        new Sighting("$.phone", "contact.email", 1, 0.4)))));
        Eventually.require(
                "the second flush never waited for the first one's row",
                () -> owner.fetchOne("select count(*) from pg_stat_activity"
                                + " where wait_event_type = 'Lock' and datname = current_database()")
                        .get(0, Integer.class),
                waiting -> waiting > 0,
                Duration.ofSeconds(30));
        assertThat(second).isNotDone();
        releaseFirst.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(new Outcome(1, 0, 1));
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(new Outcome(0, 1, 1));
        List<DataField> all = as(() -> fields.list(tenant, datasetId, null, PageRequest.ALL));
        assertThat(all).hasSize(1);
        assertThat(all.getFirst().sampleCount()).isEqualTo(9);
        assertThat(all.getFirst().categories()).containsExactly("contact.email", "contact.phone");
        assertThat(all.getFirst().confidence()).isEqualByComparingTo("0.900");
    }

    @Test
    void oneAuditEntryPerFlushNamingIdsAndCategoriesNeverPathsOrValues() {
        // A path can carry what a record used as an object key: the audit chain, kept forever, never names paths.
        String valueLikePath = "$.byEmail['alice@example.com']";
        record(new Sighting(valueLikePath, "contact.email", 1, 0.9), new Sighting("$.a", "contact.phone", 1, 0.9));
        record(new Sighting(valueLikePath, "contact.email", 1, 0.9));
        record(new Sighting(valueLikePath, "identity.name", 1, 0.9), new Sighting("$.b", "contact.phone", 1, 0.9));

        List<Map<String, String>> audits = discoveryAudits();
        assertThat(audits).hasSize(2);
        assertThat(audits.getFirst())
                .containsEntry("dataset", datasetId.toString())
                .containsEntry("created", "2")
                .containsEntry("changed", "0")
                .containsEntry("categories", "contact.email,contact.phone")
                .containsKey("fields");
        assertThat(audits.get(1))
                .containsEntry("created", "1")
                .containsEntry("changed", "1")
                .containsEntry("categories", "contact.email,contact.phone,identity.name");
        assertThat(audits.get(1).get("fields").split(","))
                .containsExactlyInAnyOrder(
                        field(valueLikePath).id().toString(), field("$.b").id().toString());
        assertThat(audits.toString()).doesNotContain("alice", "example.com", "$.");
    }

    @Test
    void unknownDatasetIsIgnored() {
        Outcome outcome = as(() -> discovery.record(
                tenant, system, "no-such-dataset", List.of(new Sighting("$.email", "contact.email", 1, 0.9))));

        assertThat(outcome).isEqualTo(Outcome.NOTHING);
        assertThat(as(() -> discovery.confirmed(tenant, "no-such-system", dataset)))
                .isEmpty();
    }

    @Test
    void flushOfAThousandNewPathsIsOneTransaction() {
        List<Sighting> sightings = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sightings.add(new Sighting("$.items[*].f" + i, i % 2 == 0 ? "contact.email" : "contact.phone", 3, 0.8));
        }
        long started = System.nanoTime();
        Outcome created = record(sightings.toArray(Sighting[]::new));
        long createdMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        Outcome seenAgain = record(sightings.toArray(Sighting[]::new));
        long seenMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("Flush of 1000 new paths: %d ms; of the same 1000 again: %d ms%n", createdMillis, seenMillis);

        assertThat(created).isEqualTo(new Outcome(1000, 0, 1000));
        assertThat(seenAgain).isEqualTo(new Outcome(0, 0, 1000));
        assertThat(discoveryAudits()).hasSize(1);
        assertThat(discoveryAudits().getFirst()).containsEntry("fields_omitted", "900");
        assertThat(as(() -> fields.list(tenant, datasetId, null, PageRequest.of(0, 1000))))
                .allSatisfy(field -> assertThat(field.sampleCount()).isEqualTo(6));
    }

    private Outcome record(Sighting... sightings) {
        return as(() -> discovery.record(tenant, system, dataset, List.of(sightings)));
    }

    private DataField field(String path) {
        return as(() -> fields.list(tenant, datasetId, null, PageRequest.ALL)).stream()
                .filter(field -> field.path().equals(path))
                .findFirst()
                .orElseThrow();
    }

    private List<UUID> outbox(String op) {
        return owner.select(CATALOG_OUTBOX.ENTITY_ID)
                .from(CATALOG_OUTBOX)
                .where(CATALOG_OUTBOX.TENANT_ID.eq(tenant))
                .and(CATALOG_OUTBOX.KIND.eq("field"))
                .and(CATALOG_OUTBOX.OP.eq(op))
                .fetch(CATALOG_OUTBOX.ENTITY_ID);
    }

    private List<Map<String, String>> discoveryAudits() {
        return owner.select(AUDIT_ENTRY.DETAILS)
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant))
                .and(AUDIT_ENTRY.ACTION.eq("catalog.field.discovered"))
                .and(AUDIT_ENTRY.ACTOR_ID.eq("ingest"))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetch(row -> JSON.readValue(row.value1().data(), new TypeReference<Map<String, String>>() {}));
    }

    private <T> T as(Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    private void as(Runnable work) {
        TenantContext.runAs(tenant, work);
    }
}
