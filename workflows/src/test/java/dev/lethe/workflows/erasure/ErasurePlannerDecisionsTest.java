package dev.lethe.workflows.erasure;

import static dev.lethe.connectors.spi.ErasureStrategy.DELETE_ROW;
import static dev.lethe.connectors.spi.ErasureStrategy.HASH;
import static dev.lethe.connectors.spi.ErasureStrategy.MASK;
import static dev.lethe.connectors.spi.ErasureStrategy.REDACT_TEXT;
import static dev.lethe.connectors.spi.ErasureStrategy.RETAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lethe.catalog.erasure.Strategy;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.workflows.erasure.SystemErasurePlan.HoldScope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErasurePlannerDecisionsTest {

    private final PlanFixtures shop = new PlanFixtures();

    @Test
    void withoutRulesDeletesTheIdentifyingRecordsAndTheirChildrenChildrenFirst() {
        SystemErasurePlan plan = shop.decide();

        assertThat(plan.plan().rules())
                .containsExactly(
                        ErasureRule.deleteRecords("public.order_items"),
                        ErasureRule.deleteRecords("public.orders"),
                        ErasureRule.deleteRecords("public.customers"));
        assertThat(plan.retained()).isEmpty();
        assertThat(plan.heldBack()).isEmpty();
    }

    @Test
    void reportsPersonalDataWithoutIdentityMappingInsteadOfSkippingIt() {
        SystemErasurePlan plan = shop.decide();

        assertThat(plan.unmapped())
                .extracting(SystemErasurePlan.Unmapped::dataset, SystemErasurePlan.Unmapped::field)
                .containsExactly(tuple("public.orders", "shipping_address"), tuple("public.products", null));
    }

    @Test
    void aFieldRuleOfTheDatasetKeepsItsRecordsAndErasesTheFieldAndRedactsFreeText() {
        shop.rule(shop.customers, "email", Strategy.HASH, null);

        SystemErasurePlan plan = shop.decide();

        assertThat(plan.plan().byDataset().get("public.customers"))
                .containsExactly(
                        ErasureRule.field("public.customers", "email", HASH, "contact.email"),
                        ErasureRule.field("public.customers", "notes", REDACT_TEXT, "identity.name"));
        assertThat(plan.plan().byDataset().get("public.orders"))
                .containsExactly(ErasureRule.deleteRecords("public.orders"));
        assertThat(plan.retained()).singleElement().satisfies(kept -> {
            assertThat(kept.dataset()).isEqualTo("public.customers");
            assertThat(kept.field()).isNull();
            assertThat(kept.reason()).contains("field rules erase fields instead of deleting records");
        });
    }

    @Test
    void aRuleForAFieldTheCatalogDoesNotListStillSpeaksForTheDataset() {
        shop.rule(shop.customers, "legacy_phone", Strategy.NULL, null);

        assertThat(shop.decide().plan().byDataset().get("public.customers"))
                .contains(ErasureRule.field(
                        "public.customers",
                        "legacy_phone",
                        dev.lethe.connectors.spi.ErasureStrategy.NULL,
                        "field.legacy_phone"));
    }

    @Test
    void aRetainRuleKeepsTheRecordsWithItsReasonAndTheParentsTheyReferTo() {
        shop.rule(shop.orders, null, Strategy.RETAIN, "HGB §257: 10 years");

        SystemErasurePlan plan = shop.decide();

        assertThat(plan.plan().byDataset().get("public.order_items"))
                .containsExactly(ErasureRule.deleteRecords("public.order_items"));
        assertThat(plan.plan().byDataset().get("public.orders"))
                .containsExactly(ErasureRule.field("public.orders", "comment", REDACT_TEXT, "contact.phone"));
        assertThat(plan.plan().byDataset().get("public.customers"))
                .containsExactly(ErasureRule.field("public.customers", "notes", REDACT_TEXT, "identity.name"));
        assertThat(plan.retained())
                .extracting(SystemErasurePlan.Retained::dataset, SystemErasurePlan.Retained::field)
                .containsExactly(tuple("public.orders", null), tuple("public.customers", null));
        assertThat(plan.retained().get(0).reason()).isEqualTo("HGB §257: 10 years");
        assertThat(plan.retained().get(1).reason()).contains("records that stay refer to them: public.orders");
    }

    @Test
    void aCategoryRetainRuleKeepsTheFieldAndSoItsRecords() {
        shop.categoryRule("government_id.tax", Strategy.RETAIN, "tax law");

        SystemErasurePlan plan = shop.decide();

        assertThat(plan.plan().byDataset().get("public.orders"))
                .containsExactlyInAnyOrder(
                        ErasureRule.field("public.orders", "comment", REDACT_TEXT, "contact.phone"),
                        ErasureRule.retainField("public.orders", "tax_id", "tax law"));
        assertThat(plan.retained())
                .extracting(SystemErasurePlan.Retained::dataset, SystemErasurePlan.Retained::field)
                .contains(tuple("public.orders", "tax_id"), tuple("public.orders", null));
    }

    @Test
    void aCategoryRuleThatErasesAppliesOnlyWhereTheRecordsStay() {
        shop.categoryRule("contact.email", Strategy.MASK, null);

        assertThat(shop.decide().plan().byDataset().get("public.customers"))
                .containsExactly(ErasureRule.deleteRecords("public.customers"));

        shop.rule(shop.customers, null, Strategy.RETAIN, "contract still running");
        assertThat(shop.decide().plan().byDataset().get("public.customers"))
                .containsExactly(
                        ErasureRule.field("public.customers", "email", MASK, "contact.email"),
                        ErasureRule.field("public.customers", "notes", REDACT_TEXT, "identity.name"));
    }

    @Test
    void theDatasetsFieldRuleWinsOverACategoryRule() {
        shop.categoryRule("contact.email", Strategy.MASK, null);
        shop.rule(shop.customers, "email", Strategy.TOKENIZE, null);

        assertThat(shop.decide().plan().byDataset().get("public.customers"))
                .contains(ErasureRule.field(
                        "public.customers",
                        "email",
                        dev.lethe.connectors.spi.ErasureStrategy.TOKENIZE,
                        "contact.email"));
    }

    @Test
    void aHoldOnTheSystemKeepsEveryDatasetUntouched() {
        var hold = shop.hold(PlanFixtures.SYSTEM, null, null, null, null, null);

        SystemErasurePlan plan = shop.decide();

        assertThat(plan.plan().rules()).allMatch(rule -> rule.strategy() == RETAIN && rule.field() == null);
        assertThat(plan.plan().rules()).extracting(ErasureRule::reason).containsOnly("Legal hold: case 2026-17");
        assertThat(plan.heldBack())
                .extracting(SystemErasurePlan.HeldBack::scope, SystemErasurePlan.HeldBack::holdId)
                .containsOnly(tuple(HoldScope.SYSTEM, hold.id()));
        assertThat(plan.heldBack()).hasSize(3);
    }

    @Test
    void aHoldOnADatasetKeepsItsRecordsAndTheParentsTheyReferTo() {
        shop.hold(null, shop.orders.id(), null, null, null, null);

        SystemErasurePlan plan = shop.decide();

        assertThat(plan.plan().byDataset().get("public.orders"))
                .containsExactly(ErasureRule.retainRecords("public.orders", "Legal hold: case 2026-17"));
        assertThat(plan.plan().byDataset().get("public.order_items"))
                .containsExactly(ErasureRule.deleteRecords("public.order_items"));
        assertThat(plan.plan().byDataset().get("public.customers")).noneMatch(rule -> rule.strategy() == DELETE_ROW);
        assertThat(plan.heldBack())
                .extracting(SystemErasurePlan.HeldBack::scope)
                .containsExactly(HoldScope.DATASET);
    }

    @Test
    void aHoldOnACategoryKeepsTheFieldsOfThatCategory() {
        shop.hold(null, null, "contact.email", null, null, null);

        SystemErasurePlan plan = shop.decide();

        assertThat(plan.plan().byDataset().get("public.customers"))
                .containsExactly(
                        ErasureRule.retainField("public.customers", "email", "Legal hold: case 2026-17"),
                        ErasureRule.field("public.customers", "notes", REDACT_TEXT, "identity.name"));
        assertThat(plan.heldBack())
                .extracting(
                        SystemErasurePlan.HeldBack::dataset,
                        SystemErasurePlan.HeldBack::field,
                        SystemErasurePlan.HeldBack::scope)
                .containsExactly(tuple("public.customers", "email", HoldScope.CATEGORY));
    }

    @Test
    void aHoldOnThisSubjectKeepsTheirRecordsAndOneOnAnotherSubjectDoesNot() {
        shop.hold(null, null, null, List.of("c".repeat(64)), null, null);
        assertThat(shop.decide().plan().rules()).allMatch(rule -> rule.strategy() == DELETE_ROW);

        shop.hold(null, null, null, List.of(PlanFixtures.SUBJECT), null, null);
        SystemErasurePlan plan = shop.decide();
        assertThat(plan.plan().rules()).allMatch(rule -> rule.strategy() == RETAIN);
        assertThat(plan.heldBack())
                .extracting(SystemErasurePlan.HeldBack::scope)
                .containsOnly(HoldScope.SUBJECT);
    }

    @Test
    void releasedAndExpiredHoldsKeepNothing() {
        shop.hold(PlanFixtures.SYSTEM, null, null, null, null, PlanFixtures.NOW.minusSeconds(60));
        shop.hold(PlanFixtures.SYSTEM, null, null, null, PlanFixtures.NOW.minusSeconds(1), null);

        SystemErasurePlan plan = shop.decide();

        assertThat(plan.plan().rules()).allMatch(rule -> rule.strategy() == DELETE_ROW);
        assertThat(plan.heldBack()).isEmpty();
    }

    @Test
    void aRetentionPolicyWithALegalObligationKeepsItsDatasetOrCategory() {
        shop.legalObligation(shop.orders.id(), null);

        SystemErasurePlan plan = shop.decide();

        assertThat(plan.plan().byDataset().get("public.orders"))
                .containsExactly(ErasureRule.field("public.orders", "comment", REDACT_TEXT, "contact.phone"));
        assertThat(plan.retained().getFirst())
                .isEqualTo(new SystemErasurePlan.Retained(
                        "public.orders",
                        null,
                        "Retention policy 'tax records': legal obligation, P10Y from created_at",
                        null,
                        "P10Y"));

        PlanFixtures byCategory = new PlanFixtures();
        byCategory.legalObligation(null, "government_id.tax");
        assertThat(byCategory.decide().plan().byDataset().get("public.orders"))
                .contains(ErasureRule.retainField(
                        "public.orders",
                        "tax_id",
                        "Retention policy 'tax records': legal obligation, P10Y from created_at"));
    }

    @Test
    void aRetentionPolicyWithoutALegalObligationKeepsNothing() {
        shop.policies.add(new dev.lethe.catalog.retention.RetentionPolicy(
                java.util.UUID.randomUUID(),
                "marketing",
                shop.orders.id(),
                null,
                "P1Y",
                dev.lethe.catalog.retention.ClockKind.FIELD,
                "created_at",
                dev.lethe.catalog.retention.RetentionAction.DELETE,
                "0 0 3 * * *",
                true,
                dev.lethe.catalog.taxonomy.LegalBasis.CONSENT,
                null));

        assertThat(shop.decide().plan().rules()).allMatch(rule -> rule.strategy() == DELETE_ROW);
    }

    @Test
    void aLegalObligationWinsOverARuleThatWouldErase() {
        shop.rule(shop.orders, null, Strategy.DELETE_ROW, null);
        shop.legalObligation(null, "government_id.tax");

        assertThat(shop.decide().plan().byDataset().get("public.orders"))
                .noneMatch(rule -> rule.strategy() == DELETE_ROW);
    }

    @Test
    void everyDatasetHasOneRuleForItsRecordsOrRulesForFieldsNeverBoth() {
        shop.rule(shop.customers, null, Strategy.DELETE_ROW, null);
        shop.rule(shop.customers, "name", Strategy.NULL, null);
        shop.rule(shop.orders, null, Strategy.RETAIN, "HGB §257");
        shop.categoryRule("contact.phone", Strategy.MASK, null);
        shop.hold(null, null, "identity.name", null, Instant.MAX, null);

        ErasurePlan plan = shop.decide().plan();

        plan.byDataset().forEach((dataset, rules) -> {
            long wholeRecords =
                    rules.stream().filter(rule -> rule.field() == null).count();
            assertThat(wholeRecords == 0 || rules.size() == 1).as(dataset).isTrue();
        });
        assertThat(new ErasurePlan(plan.rules())).isEqualTo(plan);
    }

    @Test
    void thePlanSurvivesAJsonRoundTripWithoutTheSubjectsHashes() {
        shop.rule(shop.orders, null, Strategy.RETAIN, "HGB §257");
        shop.hold(null, null, null, List.of(PlanFixtures.SUBJECT), Instant.parse("2027-01-01T00:00:00Z"), null);
        shop.hold(null, null, "contact.email", null, null, null);
        SystemErasurePlan plan = shop.decide();

        String json = plan.toJson();

        assertThat(SystemErasurePlan.fromJson(json)).isEqualTo(plan);
        assertThat(json).doesNotContain(PlanFixtures.SUBJECT);
    }

    @Test
    void notAPlanIsRefusedWithoutQuotingTheInput() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SystemErasurePlan.fromJson("{\"secret\": ann@example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("ann@example.com");
    }
}
