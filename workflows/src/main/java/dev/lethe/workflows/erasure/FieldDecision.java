package dev.lethe.workflows.erasure;

import dev.lethe.catalog.dataset.DataField;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.erasure.ErasureRule;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.catalog.retention.RetentionPolicy;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.workflows.erasure.SystemErasurePlan.HeldBack;
import dev.lethe.workflows.erasure.SystemErasurePlan.HoldScope;
import dev.lethe.workflows.erasure.SystemErasurePlan.Retained;
import java.util.List;

/**
 * What happens to one field of a record that stays, and why: a category hold, a legal-obligation policy on
 * a category, the dataset's rule for the field ({@code explicit}), or a rule for one of its categories.
 */
record FieldDecision(
        ErasureStrategy strategy,
        String category,
        String reason,
        boolean explicit,
        LegalHold hold,
        RetentionPolicy policy,
        ErasureRule rule) {

    /** The decision for a catalog field, or null when nothing speaks for it. */
    static FieldDecision of(DataField field, Dataset dataset, PlanInputs in) {
        String category = field.categories().isEmpty()
                ? field.identityType()
                : field.categories().getFirst();
        for (LegalHold hold : in.holds()) {
            if (hold.activeAt(in.now())
                    && hold.dataCategory() != null
                    && field.categories().contains(hold.dataCategory())) {
                return new FieldDecision(
                        ErasureStrategy.RETAIN, category, PlanDecisions.holdReason(hold), false, hold, null, null);
            }
        }
        for (RetentionPolicy policy : in.policies()) {
            if (policy.enabled()
                    && policy.legalObligation()
                    && policy.dataCategory() != null
                    && field.categories().contains(policy.dataCategory())) {
                return new FieldDecision(
                        ErasureStrategy.RETAIN,
                        category,
                        PlanDecisions.policyRetained(dataset.name(), field.path(), policy)
                                .reason(),
                        false,
                        null,
                        policy,
                        null);
            }
        }
        for (ErasureRule rule : in.rules()) {
            if (dataset.id().equals(rule.datasetId()) && field.path().equals(rule.fieldPath())) {
                return ofRule(rule, category, true);
            }
        }
        for (String fieldCategory : field.categories()) {
            for (ErasureRule rule : in.rules()) {
                if (fieldCategory.equals(rule.dataCategory())) {
                    return ofRule(rule, fieldCategory, false);
                }
            }
        }
        return null;
    }

    static FieldDecision ofRule(ErasureRule rule, String category) {
        return ofRule(rule, category, true);
    }

    private static FieldDecision ofRule(ErasureRule rule, String category, boolean explicit) {
        ErasureStrategy strategy = ErasureStrategy.valueOf(rule.strategy().name());
        return new FieldDecision(strategy, category, rule.reason(), explicit, null, null, rule);
    }

    dev.lethe.connectors.spi.ErasureRule toRule(String dataset, String field) {
        if (strategy == ErasureStrategy.RETAIN) {
            return dev.lethe.connectors.spi.ErasureRule.retainField(dataset, field, reason);
        }
        // HASH and TOKENIZE key by category; a field without one is keyed by its identity type or path.
        return dev.lethe.connectors.spi.ErasureRule.field(
                dataset, field, strategy, category != null ? category : "field." + field);
    }

    /** Adds what the decision keeps, and why, to the plan's lists. */
    void report(String dataset, String field, List<Retained> retained, List<HeldBack> heldBack) {
        if (hold != null) {
            heldBack.add(new HeldBack(dataset, field, HoldScope.CATEGORY, hold.id(), hold.reason(), hold.heldUntil()));
        } else if (policy != null) {
            retained.add(PlanDecisions.policyRetained(dataset, field, policy));
        } else if (strategy == ErasureStrategy.RETAIN) {
            retained.add(new Retained(dataset, field, reason, rule.retainUntil(), rule.retainPeriod()));
        }
    }
}
