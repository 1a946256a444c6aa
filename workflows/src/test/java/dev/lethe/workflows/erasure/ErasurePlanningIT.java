package dev.lethe.workflows.erasure;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static dev.lethe.catalog.jooq.Tables.LEGAL_HOLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.CatalogTestDatabase;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.change.CatalogChanges;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.VersionConflictException;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.dataset.FieldReview;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.catalog.discovery.DiscoveredDataset;
import dev.lethe.catalog.discovery.DiscoveredField;
import dev.lethe.catalog.discovery.DiscoveredReference;
import dev.lethe.catalog.discovery.DiscoveryImport;
import dev.lethe.catalog.discovery.ImportSummary;
import dev.lethe.catalog.erasure.ErasureRule;
import dev.lethe.catalog.erasure.ErasureRuleDraft;
import dev.lethe.catalog.erasure.ErasureRules;
import dev.lethe.catalog.erasure.Strategy;
import dev.lethe.catalog.retention.HoldDraft;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.catalog.retention.RetentionDraft;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.subject.SubjectMaps;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.system.SystemDraft;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.UniqueNames;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Erasure rules, subject holds and the planner on a real migrated catalog, as the application's role under
 * row-level security: a shop discovered and confirmed, rules and holds written through the catalog, the
 * plan read back from it.
 */
@ExtendWith(LocalServicesExtension.class)
class ErasurePlanningIT {

    private static final String SUBJECT = "5".repeat(64);

    private static final List<DiscoveredDataset> SHOP = List.of(
            new DiscoveredDataset(
                    "public.customers",
                    "TABLE",
                    "public.customers",
                    List.of(
                            new DiscoveredField("id", "bigint", List.of(), 0, "customer_id"),
                            new DiscoveredField("email", "text", List.of("contact.email"), 0.97, "email"))),
            new DiscoveredDataset(
                    "public.invoices",
                    "TABLE",
                    "public.invoices",
                    List.of(
                            new DiscoveredField("id", "bigint", List.of(), 0, null),
                            new DiscoveredField("customer_id", "bigint", List.of(), 0, null),
                            new DiscoveredField("memo", "text", List.of("identity.name"), 0.7, null))),
            new DiscoveredDataset(
                    "public.invoice_lines",
                    "TABLE",
                    "public.invoice_lines",
                    List.of(new DiscoveredField("invoice_id", "bigint", List.of(), 0, null))));

    private static final List<DiscoveredReference> KEYS = List.of(
            new DiscoveredReference("public.invoices", List.of("customer_id"), "public.customers", List.of("id")),
            new DiscoveredReference("public.invoice_lines", List.of("invoice_id"), "public.invoices", List.of("id")));

    private static DSLContext owner;
    private static DiscoveryImport discoveryImport;
    private static DataSystems systems;
    private static Datasets datasets;
    private static FieldReview review;
    private static ErasureRules rules;
    private static LegalHolds holds;
    private static RetentionPolicies policies;
    private static ErasurePlanner planner;

    private UUID tenant;
    private UUID system;
    private Editor officer;

    @BeforeAll
    static void database() throws SQLException {
        CatalogTestDatabase database = CatalogTestDatabase.create("lethe_erasure_plan");
        owner = database.owner();
        DSLContext app = database.app();
        CatalogChanges changes = database.changes();
        Taxonomy taxonomy = new Taxonomy(app, changes);
        discoveryImport = new DiscoveryImport(app, changes);
        systems = new DataSystems(app, changes);
        datasets = new Datasets(app, changes);
        review = new FieldReview(changes);
        rules = new ErasureRules(app, changes, taxonomy);
        holds = new LegalHolds(app, changes, taxonomy);
        policies = new RetentionPolicies(app, changes, taxonomy);
        planner = new ErasurePlanner(datasets, new SubjectMaps(app), rules, holds, policies);
    }

    @BeforeEach
    void tenantWithShop() {
        tenant = new Tenants(owner)
                .create(UniqueNames.of("erase"), "Erasure planning")
                .id();
        officer = new Editor(tenant, Actor.apiKey("officer"));
        system = as(() -> systems.create(officer, new SystemDraft("shop-db", null, null, null, null, null))
                .id());
    }

    @Test
    void rulesAreCreatedChangedAndDeletedWithVersionsAndAudit() {
        UUID invoices = dataset(importShop(), "public.invoices");

        ErasureRule created = as(() ->
                rules.create(officer, new ErasureRuleDraft(invoices, null, null, "retain", "HGB §257", "P10Y", null)));
        assertThat(created.strategy()).isEqualTo(Strategy.RETAIN);
        assertThat(created.retainPeriod()).isEqualTo("P10Y");
        assertThat(created.revision().version()).isEqualTo(1);

        ErasureRule changed = as(() -> rules.update(
                officer,
                created.id(),
                1,
                new ErasureRuleDraft(
                        invoices, null, null, "RETAIN", "AO §147", null, Instant.parse("2036-12-31T00:00:00Z"))));
        assertThat(changed.reason()).isEqualTo("AO §147");
        assertThat(changed.retainUntil()).isEqualTo(Instant.parse("2036-12-31T00:00:00Z"));
        assertThat(changed.revision().version()).isEqualTo(2);
        assertThatThrownBy(() -> as(() -> rules.update(
                        officer,
                        created.id(),
                        1,
                        new ErasureRuleDraft(invoices, null, null, "DELETE_ROW", null, null, null))))
                .isInstanceOf(VersionConflictException.class);

        as(() -> rules.delete(officer, created.id(), 2));
        assertThat(as(() -> rules.find(tenant, created.id()))).isEmpty();
        assertThat(owner.select(AUDIT_ENTRY.ACTION)
                        .from(AUDIT_ENTRY)
                        .where(AUDIT_ENTRY.TENANT_ID.eq(tenant))
                        .and(AUDIT_ENTRY.ACTION.startsWith("catalog.erasure_rule."))
                        .orderBy(AUDIT_ENTRY.SEQ)
                        .fetch(AUDIT_ENTRY.ACTION))
                .containsExactly(
                        "catalog.erasure_rule.created", "catalog.erasure_rule.updated", "catalog.erasure_rule.deleted");
    }

    @Test
    void aSecondRuleForTheSameTargetAndAnUnknownCategoryAreRefused() {
        UUID customers = dataset(importShop(), "public.customers");
        as(() -> rules.create(officer, new ErasureRuleDraft(customers, null, "email", "HASH", null, null, null)));

        assertThatThrownBy(() -> as(() -> rules.create(
                        officer, new ErasureRuleDraft(customers, null, "email", "MASK", null, null, null))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> as(() -> rules.create(
                        officer, new ErasureRuleDraft(null, "no.such.category", null, "MASK", null, null, null))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> as(() -> rules.create(
                        officer, new ErasureRuleDraft(UUID.randomUUID(), null, null, "DELETE_ROW", null, null, null))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void anotherTenantSeesNoneOfTheRules() {
        UUID customers = dataset(importShop(), "public.customers");
        ErasureRule rule = as(() ->
                rules.create(officer, new ErasureRuleDraft(customers, null, null, "DELETE_ROW", null, null, null)));
        UUID other = new Tenants(owner).create(UniqueNames.of("other"), "Other").id();

        assertThat(TenantContext.callAs(other, () -> rules.list(other))).isEmpty();
        assertThat(TenantContext.callAs(other, () -> rules.find(other, rule.id())))
                .isEmpty();
        assertThat(TenantContext.callAs(other, () -> rules.list(tenant))).isEmpty();
    }

    @Test
    void aHoldOnASubjectKeepsOnlyTheirHashes() {
        LegalHold hold =
                as(() -> holds.place(officer, new HoldDraft(null, null, null, List.of(SUBJECT), "case 2026-17", null)));

        assertThat(hold.subjectHashes()).containsExactly(SUBJECT);
        assertThat(hold.coversSubject(List.of(SUBJECT, "6".repeat(64)))).isTrue();
        assertThat(owner.select(LEGAL_HOLD.SUBJECT_HASHES)
                        .from(LEGAL_HOLD)
                        .where(LEGAL_HOLD.ID.eq(hold.id()))
                        .fetchOne(LEGAL_HOLD.SUBJECT_HASHES))
                .containsExactly(SUBJECT);
        assertThatThrownBy(() -> new HoldDraft(system, null, null, List.of(SUBJECT), "two scopes", null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new HoldDraft(null, null, null, List.of("ann@example.com"), "not a hash", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining("ann@example.com");
    }

    @Test
    void thePlanDeletesTheSubjectsRecordsAndTheirChildren() {
        confirm(importShop());

        SystemErasurePlan plan = as(() -> planner.plan(tenant, system, List.of(SUBJECT), Instant.now()));

        assertThat(plan.plan().rules())
                .containsExactly(
                        dev.lethe.connectors.spi.ErasureRule.deleteRecords("public.invoice_lines"),
                        dev.lethe.connectors.spi.ErasureRule.deleteRecords("public.invoices"),
                        dev.lethe.connectors.spi.ErasureRule.deleteRecords("public.customers"));
        assertThat(SystemErasurePlan.fromJson(plan.toJson())).isEqualTo(plan);
    }

    @Test
    void thePlanKeepsWhatALegalObligationAndASubjectHoldCoverWithTheirReasons() {
        ImportSummary shop = importShop();
        confirm(shop);
        UUID invoices = dataset(shop, "public.invoices");
        as(() -> policies.create(
                officer,
                new RetentionDraft(
                        "invoices", invoices, null, "P10Y", null, "issued_at", null, null, null, "LEGAL_OBLIGATION")));
        as(() -> rules.create(officer, new ErasureRuleDraft(null, "contact.email", null, "MASK", null, null, null)));

        SystemErasurePlan plan = as(() -> planner.plan(tenant, system, List.of(SUBJECT), Instant.now()));

        assertThat(plan.plan().byDataset().get("public.invoices"))
                .containsExactly(dev.lethe.connectors.spi.ErasureRule.field(
                        "public.invoices", "memo", ErasureStrategy.REDACT_TEXT, "identity.name"));
        assertThat(plan.plan().byDataset().get("public.customers"))
                .containsExactly(dev.lethe.connectors.spi.ErasureRule.field(
                        "public.customers", "email", ErasureStrategy.MASK, "contact.email"));
        assertThat(plan.retained())
                .extracting(SystemErasurePlan.Retained::dataset)
                .containsExactly("public.invoices", "public.customers");
        assertThat(plan.retained().getFirst().reason()).contains("'invoices': legal obligation, P10Y");

        LegalHold hold =
                as(() -> holds.place(officer, new HoldDraft(null, null, null, List.of(SUBJECT), "case 2026-17", null)));
        SystemErasurePlan held =
                as(() -> planner.plan(tenant, system, List.of(SUBJECT, "7".repeat(64)), Instant.now()));
        assertThat(held.plan().rules()).allMatch(rule -> rule.strategy() == ErasureStrategy.RETAIN);
        assertThat(held.heldBack())
                .extracting(SystemErasurePlan.HeldBack::holdId)
                .containsOnly(hold.id());
        assertThat(as(() -> planner.plan(tenant, system, List.of("8".repeat(64)), Instant.now()))
                        .heldBack())
                .isEmpty();
    }

    private ImportSummary importShop() {
        return as(() -> discoveryImport.importInto(officer, system, SHOP, KEYS));
    }

    private void confirm(ImportSummary shop) {
        for (ImportSummary.DatasetOutcome outcome : shop.datasets()) {
            int version = as(() ->
                    datasets.find(tenant, outcome.id()).orElseThrow().revision().version());
            as(() -> review.review(officer, outcome.id(), version, FieldStatus.CONFIRMED));
        }
    }

    private UUID dataset(ImportSummary summary, String name) {
        return summary.datasets().stream()
                .filter(outcome -> outcome.name().equals(name))
                .findFirst()
                .orElseThrow()
                .id();
    }

    private <T> T as(Supplier<T> work) {
        return TenantContext.callAs(tenant, work);
    }

    private void as(Runnable work) {
        TenantContext.runAs(tenant, work);
    }
}
