package dev.lethe.catalog.discovery;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.CatalogTestDatabase;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.VersionConflictException;
import dev.lethe.catalog.dataset.DataField;
import dev.lethe.catalog.dataset.DataFields;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.dataset.FieldReview;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.catalog.reference.DatasetReferences;
import dev.lethe.catalog.reference.ReferenceDraft;
import dev.lethe.catalog.reference.ReferenceSource;
import dev.lethe.catalog.subject.SubjectMapping;
import dev.lethe.catalog.subject.SubjectMaps;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.system.SystemDraft;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.UniqueNames;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a connector discovered, brought into the catalog on the real PostgreSQL under row-level
 * security: the import, the bulk review, identity types, references and the subject map built from
 * what people confirmed.
 */
@ExtendWith(LocalServicesExtension.class)
class DiscoveryImportIT {

    private static final List<DiscoveredDataset> SHOP = List.of(
            new DiscoveredDataset(
                    "public.customers",
                    "TABLE",
                    "public.customers",
                    List.of(
                            new DiscoveredField("id", "bigint", List.of(), 0, "customer_id"),
                            new DiscoveredField("email", "text", List.of("contact.email"), 0.97, "email"),
                            new DiscoveredField("full_name", "text", List.of("identity.name"), 0.6, null))),
            new DiscoveredDataset(
                    "public.orders",
                    "TABLE",
                    "public.orders",
                    List.of(
                            new DiscoveredField("id", "bigint", List.of(), 0, null),
                            new DiscoveredField("customer_id", "bigint", List.of(), 0, null))));

    private static final List<DiscoveredReference> KEYS = List.of(
            new DiscoveredReference("public.orders", List.of("customer_id"), "public.customers", List.of("id")));

    private static DSLContext owner;
    private static DiscoveryImport discoveryImport;
    private static DataSystems systems;
    private static Datasets datasets;
    private static DataFields fields;
    private static FieldReview review;
    private static DatasetReferences references;
    private static SubjectMaps subjectMaps;

    private UUID tenant;
    private UUID system;
    private Editor engineer;

    @BeforeAll
    static void database() throws SQLException {
        CatalogTestDatabase database = CatalogTestDatabase.create("lethe_discovery");
        owner = database.owner();
        DSLContext app = database.app();
        CatalogChanges changes = database.changes();
        discoveryImport = new DiscoveryImport(app, changes);
        systems = new DataSystems(app, changes);
        datasets = new Datasets(app, changes);
        fields = new DataFields(app, changes, new Taxonomy(app, changes));
        review = new FieldReview(changes);
        references = new DatasetReferences(app, changes);
        subjectMaps = new SubjectMaps(app);
    }

    @BeforeEach
    void tenantWithSystem() {
        tenant = new Tenants(owner)
                .create(UniqueNames.of("disc"), "Discovery import")
                .id();
        engineer = new Editor(tenant, Actor.apiKey("engineer"));
        system = as(() -> systems.create(engineer, new SystemDraft("shop-db", null, null, null, null, null))
                .id());
    }

    @Test
    void aDiscoveryBecomesDiscoveredDatasetsFieldsAndReferences() {
        ImportSummary summary = importShop();

        assertThat(summary.datasetsCreated()).isEqualTo(2);
        assertThat(summary.fieldsCreated()).isEqualTo(5);
        assertThat(summary.referencesCreated()).isEqualTo(1);
        Dataset customers = dataset(summary, "public.customers");
        assertThat(customers.kind().name()).isEqualTo("TABLE");
        assertThat(customers.location()).isEqualTo("public.customers");
        DataField email = field(customers, "email");
        assertThat(email.status()).isEqualTo(FieldStatus.DISCOVERED);
        assertThat(email.categories()).containsExactly("contact.email");
        assertThat(email.confidence()).isEqualByComparingTo("0.970");
        assertThat(email.identityType()).isEqualTo("email");
        assertThat(field(customers, "id").confidence()).isNull();
        assertThat(as(() -> references.ofDataset(
                        tenant, dataset(summary, "public.orders").id())))
                .singleElement()
                .satisfies(reference -> {
                    assertThat(reference.fromFields()).containsExactly("customer_id");
                    assertThat(reference.toDatasetId()).isEqualTo(customers.id());
                    assertThat(reference.source()).isEqualTo(ReferenceSource.DISCOVERED);
                });
        List<String> audited = owner.select(AUDIT_ENTRY.ACTION, AUDIT_ENTRY.DETAILS)
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetch(row -> row.value1() + " " + row.value2().data());
        assertThat(audited)
                .filteredOn(line -> line.contains("discovered"))
                .extracting(line -> line.substring(0, line.indexOf(' ')))
                .containsExactly(
                        "catalog.dataset.discovered",
                        "catalog.field.discovered",
                        "catalog.field.discovered",
                        "catalog.reference.discovered");
    }

    @Test
    void aSecondImportChangesNothingAndNeverOverridesAPersonsDecision() {
        ImportSummary first = importShop();
        Dataset customers = dataset(first, "public.customers");
        DataField name = field(customers, "full_name");
        as(() -> fields.decide(engineer, name.id(), name.revision().version(), FieldStatus.REJECTED));

        ImportSummary again = importShop();
        ImportSummary grown = as(() -> discoveryImport.importInto(
                engineer,
                system,
                List.of(new DiscoveredDataset(
                        "public.customers",
                        "TABLE",
                        "public.customers",
                        List.of(
                                new DiscoveredField("email", "text", List.of("contact.phone"), 0.5, null),
                                new DiscoveredField("full_name", "text", List.of("identity.name"), 0.99, null)))),
                List.of()));

        assertThat(again.datasetsCreated()
                        + again.datasetsChanged()
                        + again.fieldsCreated()
                        + again.fieldsChanged()
                        + again.referencesCreated())
                .isZero();
        assertThat(again.fieldsKept()).isEqualTo(1);
        assertThat(grown.fieldsChanged()).isEqualTo(1);
        Dataset now = as(() -> datasets.find(tenant, customers.id()).orElseThrow());
        assertThat(field(now, "email").categories()).containsExactly("contact.email", "contact.phone");
        assertThat(field(now, "email").confidence()).isEqualByComparingTo("0.970");
        assertThat(field(now, "full_name").status()).isEqualTo(FieldStatus.REJECTED);
        assertThat(field(now, "full_name").confidence()).isEqualByComparingTo("0.600");
    }

    @Test
    void aReviewDecidesEveryDiscoveredFieldOfTheDatasetUnderItsVersion() {
        Dataset customers = dataset(importShop(), "public.customers");
        DataField name = field(customers, "full_name");
        as(() -> fields.decide(engineer, name.id(), name.revision().version(), FieldStatus.REJECTED));
        int version = customers.revision().version();

        assertThatThrownBy(() -> as(() -> review.review(engineer, customers.id(), version + 5, FieldStatus.CONFIRMED)))
                .isInstanceOf(VersionConflictException.class);
        FieldReview.Outcome outcome = as(() -> review.review(engineer, customers.id(), version, FieldStatus.CONFIRMED));

        assertThat(outcome.fields()).hasSize(2);
        assertThat(outcome.datasetVersion()).isEqualTo(version + 1);
        Dataset now = as(() -> datasets.find(tenant, customers.id()).orElseThrow());
        assertThat(now.revision().version()).isEqualTo(version + 1);
        assertThat(field(now, "email").status()).isEqualTo(FieldStatus.CONFIRMED);
        assertThat(field(now, "email").confirmedBy()).isEqualTo("api_key:engineer");
        assertThat(field(now, "full_name").status()).isEqualTo(FieldStatus.REJECTED);
        assertThatThrownBy(() -> as(() -> review.review(engineer, customers.id(), version, FieldStatus.REJECTED)))
                .isInstanceOf(VersionConflictException.class);
    }

    @Test
    void theSubjectMapHoldsWhatPeopleConfirmedAndListsWhatTheyDidNot() {
        ImportSummary summary = importShop();
        Dataset customers = dataset(summary, "public.customers");
        Dataset orders = dataset(summary, "public.orders");
        DataField name = field(customers, "full_name");
        as(() -> fields.decide(engineer, name.id(), name.revision().version(), FieldStatus.REJECTED));

        SubjectMapping before = as(() -> subjectMaps.forSystem(tenant, system));
        as(() -> review.review(engineer, customers.id(), customers.revision().version(), FieldStatus.CONFIRMED));
        DataField customerId = field(orders, "customer_id");
        assertThatThrownBy(() -> as(() -> fields.setIdentity(engineer, customerId.id(), 1, "Customer ID")))
                .isInstanceOf(InvalidInputException.class);
        as(() -> fields.setIdentity(engineer, customerId.id(), 1, "customer_id"));
        SubjectMapping after = as(() -> subjectMaps.forSystem(tenant, system));

        assertThat(before.identityFields()).isEmpty();
        assertThat(before.unconfirmed())
                .containsExactly(new SubjectMapping.Unconfirmed("public.customers", "email", List.of("contact.email")));
        assertThat(after.identityFields())
                .isEqualTo(Map.of("public.customers", Map.of("email", "email", "id", "customer_id")));
        assertThat(after.unconfirmed()).isEmpty();
        assertThat(after.references())
                .containsExactly(new SubjectMapping.Link(
                        "public.orders", List.of("customer_id"), "public.customers", List.of("id")));
    }

    @Test
    void manualReferencesJoinDatasetsOfOneSystem() {
        ImportSummary summary = importShop();
        Dataset customers = dataset(summary, "public.customers");
        UUID elsewhere = as(() -> datasets.create(
                        engineer,
                        new dev.lethe.catalog.dataset.DatasetDraft(
                                as(() -> systems.create(engineer, new SystemDraft("crm", null, null, null, null, null))
                                        .id()),
                                "contacts",
                                "TABLE",
                                null,
                                null))
                .id());

        var manual = as(() -> references.add(
                engineer,
                dataset(summary, "public.orders").id(),
                new ReferenceDraft(List.of("id"), customers.id(), List.of("id"))));
        assertThatThrownBy(() -> as(() -> references.add(
                        engineer, elsewhere, new ReferenceDraft(List.of("id"), customers.id(), List.of("id")))))
                .hasMessageContaining("same system");
        assertThatThrownBy(() -> new ReferenceDraft(List.of("a", "b"), customers.id(), List.of("id")))
                .isInstanceOf(InvalidInputException.class);

        assertThat(manual.source()).isEqualTo(ReferenceSource.MANUAL);
        assertThat(as(() -> subjectMaps.forSystem(tenant, system)).references()).hasSize(2);
        as(() -> references.remove(
                engineer, customers.id(), manual.id(), manual.revision().version()));
        assertThat(as(() -> subjectMaps.forSystem(tenant, system)).references()).hasSize(1);
    }

    private ImportSummary importShop() {
        return as(() -> discoveryImport.importInto(engineer, system, SHOP, KEYS));
    }

    private Dataset dataset(ImportSummary summary, String name) {
        UUID id = summary.datasets().stream()
                .filter(outcome -> outcome.name().equals(name))
                .findFirst()
                .orElseThrow()
                .id();
        return as(() -> datasets.find(tenant, id).orElseThrow());
    }

    private static DataField field(Dataset dataset, String path) {
        return dataset.fields().stream()
                .filter(field -> field.path().equals(path))
                .findFirst()
                .orElseThrow();
    }

    private <T> T as(Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    private void as(Runnable work) {
        TenantContext.runAs(tenant, work);
    }
}
