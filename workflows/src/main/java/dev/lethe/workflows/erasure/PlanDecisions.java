package dev.lethe.workflows.erasure;

import dev.lethe.catalog.dataset.DataField;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.catalog.erasure.ErasureRule;
import dev.lethe.catalog.erasure.Strategy;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.catalog.retention.RetentionPolicy;
import dev.lethe.catalog.subject.SubjectMapping;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.Reference;
import dev.lethe.connectors.spi.SubjectMap;
import dev.lethe.workflows.erasure.SystemErasurePlan.HeldBack;
import dev.lethe.workflows.erasure.SystemErasurePlan.HoldScope;
import dev.lethe.workflows.erasure.SystemErasurePlan.Retained;
import dev.lethe.workflows.erasure.SystemErasurePlan.Unmapped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides a system's erasure plan from plain catalog records (no I/O). Per dataset of the subject (the
 * datasets whose CONFIRMED fields identify them, and their children through references), most binding
 * first:
 *
 * <ol>
 *   <li>an active legal hold on the system, the dataset or this subject keeps its records untouched;
 *   <li>a retention policy with the legal basis LEGAL_OBLIGATION on the dataset keeps its records;
 *   <li>per field: a hold on one of its categories keeps it untouched, a legal-obligation policy on one of
 *       its categories keeps it, else the dataset's rule for the field, else a rule for one of its
 *       categories (in the field's category order);
 *   <li>the dataset's rule for its records (DELETE_ROW or RETAIN);
 *   <li>where no rule for the dataset or its fields speaks: delete the subject's records.
 * </ol>
 *
 * A record is deleted only if nothing in it must stay and no record that stays refers to it (children are
 * decided first). Records that stay get their fields' rules, and REDACT_TEXT in free-text fields without
 * one ({@link FreeText}); records under a hold are left as they are. Category rules that erase a field
 * apply where the records stay: deleting the record erases the field anyway.
 */
final class PlanDecisions {

    private final PlanInputs in;
    private final List<dev.lethe.connectors.spi.ErasureRule> lines = new ArrayList<>();
    private final List<Retained> retained = new ArrayList<>();
    private final List<HeldBack> heldBack = new ArrayList<>();
    private final Set<String> staying = new HashSet<>();

    private PlanDecisions(PlanInputs in) {
        this.in = in;
    }

    static SystemErasurePlan decide(PlanInputs in) {
        return new PlanDecisions(in).run();
    }

    private SystemErasurePlan run() {
        Map<String, Dataset> byName = new HashMap<>();
        in.datasets().forEach(dataset -> byName.put(dataset.name(), dataset));
        Set<String> scope = scope();
        List<Reference> references = in.mapping().references().stream()
                .map(link -> new Reference(link.from(), link.fromFields(), link.to(), link.toFields()))
                .toList();
        for (String name : new SubjectMap(in.mapping().identityFields(), references).childrenFirst()) {
            Dataset dataset = byName.get(name);
            if (scope.contains(name) && dataset != null) {
                decide(dataset);
            }
        }
        return new SystemErasurePlan(in.systemId(), new ErasurePlan(lines), retained, heldBack, unmapped(scope));
    }

    /** The datasets that identify the subject, and those that refer to them, transitively (children). */
    private Set<String> scope() {
        Set<String> scope = new LinkedHashSet<>(in.mapping().identityFields().keySet());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (SubjectMapping.Link link : in.mapping().references()) {
                if (scope.contains(link.to()) && scope.add(link.from())) {
                    grew = true;
                }
            }
        }
        return scope;
    }

    private void decide(Dataset dataset) {
        String name = dataset.name();
        Optional<Hold> wholeHold = wholeRecordHold(dataset);
        if (wholeHold.isPresent()) {
            LegalHold hold = wholeHold.get().hold();
            add(dev.lethe.connectors.spi.ErasureRule.retainRecords(name, holdReason(hold)));
            heldBack.add(new HeldBack(name, null, wholeHold.get().scope(), hold.id(), hold.reason(), hold.heldUntil()));
            staying.add(name);
            return;
        }
        Optional<ErasureRule> recordRule = in.rules().stream()
                .filter(rule -> dataset.id().equals(rule.datasetId()) && rule.fieldPath() == null)
                .findFirst();
        Map<String, FieldDecision> fields = fieldDecisions(dataset);
        boolean explicitFieldRule = fields.values().stream().anyMatch(FieldDecision::explicit);
        Retained wholeRetained = in.policies().stream()
                .filter(p -> p.enabled() && p.legalObligation() && dataset.id().equals(p.datasetId()))
                .findFirst()
                .map(p -> policyRetained(name, null, p))
                .or(() -> recordRule
                        .filter(rule -> rule.strategy() == Strategy.RETAIN)
                        .map(rule -> new Retained(name, null, rule.reason(), rule.retainUntil(), rule.retainPeriod())))
                .orElse(null);
        boolean deleteWanted = wholeRetained == null
                && recordRule
                        .map(rule -> rule.strategy() == Strategy.DELETE_ROW)
                        .orElse(!explicitFieldRule);
        List<String> keptFields = fields.entrySet().stream()
                .filter(entry -> entry.getValue().strategy() == ErasureStrategy.RETAIN)
                .map(Map.Entry::getKey)
                .toList();
        List<String> keptChildren = keptChildren(name);
        if (deleteWanted && keptFields.isEmpty() && keptChildren.isEmpty()) {
            add(dev.lethe.connectors.spi.ErasureRule.deleteRecords(name));
            return;
        }
        if (wholeRetained == null) {
            wholeRetained = new Retained(
                    name,
                    null,
                    deleteWanted
                            ? stayReason(keptFields, keptChildren)
                            : "Records kept: the dataset's field rules erase fields instead of deleting records",
                    null,
                    null);
        }
        stay(dataset, fields, wholeRetained);
    }

    /** What happens to each field the catalog lists, and to fields only a rule of the dataset names. */
    private Map<String, FieldDecision> fieldDecisions(Dataset dataset) {
        Map<String, FieldDecision> fields = new TreeMap<>();
        for (DataField field : sortedFields(dataset)) {
            FieldDecision decision = FieldDecision.of(field, dataset, in);
            if (decision != null) {
                fields.put(field.path(), decision);
            }
        }
        for (ErasureRule rule : in.rules()) {
            if (dataset.id().equals(rule.datasetId())
                    && rule.fieldPath() != null
                    && !fields.containsKey(rule.fieldPath())) {
                fields.put(rule.fieldPath(), FieldDecision.ofRule(rule, null));
            }
        }
        return fields;
    }

    /** The records stay: their fields' rules, free text redacted, and why they stay. */
    private void stay(Dataset dataset, Map<String, FieldDecision> fields, Retained whole) {
        String name = dataset.name();
        staying.add(name);
        List<dev.lethe.connectors.spi.ErasureRule> fieldRules = new ArrayList<>();
        fields.forEach((path, decision) -> fieldRules.add(decision.toRule(name, path)));
        fields.forEach((path, decision) -> decision.report(name, path, retained, heldBack));
        for (DataField field : sortedFields(dataset)) {
            if (!fields.containsKey(field.path()) && FreeText.is(field)) {
                fieldRules.add(dev.lethe.connectors.spi.ErasureRule.field(
                        name,
                        field.path(),
                        ErasureStrategy.REDACT_TEXT,
                        field.categories().getFirst()));
            }
        }
        retained.add(whole);
        if (fieldRules.isEmpty()) {
            add(dev.lethe.connectors.spi.ErasureRule.retainRecords(name, whole.reason()));
        } else {
            fieldRules.forEach(this::add);
        }
    }

    /** A hold that keeps a dataset's records as they are: on the system, the dataset, or this subject. */
    private Optional<Hold> wholeRecordHold(Dataset dataset) {
        for (LegalHold hold : activeHolds()) {
            if (in.systemId().equals(hold.systemId())) {
                return Optional.of(new Hold(hold, HoldScope.SYSTEM));
            }
        }
        for (LegalHold hold : activeHolds()) {
            if (dataset.id().equals(hold.datasetId())) {
                return Optional.of(new Hold(hold, HoldScope.DATASET));
            }
        }
        for (LegalHold hold : activeHolds()) {
            if (hold.coversSubject(in.subjectHashes())) {
                return Optional.of(new Hold(hold, HoldScope.SUBJECT));
            }
        }
        return Optional.empty();
    }

    private List<LegalHold> activeHolds() {
        return in.holds().stream().filter(hold -> hold.activeAt(in.now())).toList();
    }

    /** Children in scope whose records stay and refer to this dataset's records. */
    private List<String> keptChildren(String dataset) {
        return in.mapping().references().stream()
                .filter(link -> link.to().equals(dataset) && !link.from().equals(dataset))
                .map(SubjectMapping.Link::from)
                .filter(staying::contains)
                .distinct()
                .sorted()
                .toList();
    }

    private static String stayReason(List<String> keptFields, List<String> keptChildren) {
        List<String> why = new ArrayList<>();
        if (!keptFields.isEmpty()) {
            why.add("fields kept: " + String.join(", ", keptFields));
        }
        if (!keptChildren.isEmpty()) {
            why.add("records that stay refer to them: " + String.join(", ", keptChildren));
        }
        return "Records kept, not deleted (" + String.join("; ", why) + ")";
    }

    private void add(dev.lethe.connectors.spi.ErasureRule rule) {
        lines.add(rule);
    }

    private List<Unmapped> unmapped(Set<String> scope) {
        List<Unmapped> unmapped = new ArrayList<>();
        in.mapping()
                .unconfirmed()
                .forEach(field -> unmapped.add(new Unmapped(
                        field.dataset(),
                        field.field(),
                        field.categories(),
                        "mapping unconfirmed: the field is DISCOVERED")));
        in.datasets().stream()
                .filter(dataset -> !scope.contains(dataset.name()))
                .sorted(Comparator.comparing(Dataset::name))
                .forEach(dataset -> {
                    List<String> categories = dataset.fields().stream()
                            .filter(field -> field.status() == FieldStatus.CONFIRMED)
                            .flatMap(field -> field.categories().stream())
                            .distinct()
                            .sorted()
                            .toList();
                    if (!categories.isEmpty()) {
                        unmapped.add(new Unmapped(
                                dataset.name(),
                                null,
                                categories,
                                "no identity mapping: no CONFIRMED identity field, no reference to one"));
                    }
                });
        return unmapped;
    }

    static String holdReason(LegalHold hold) {
        return "Legal hold: " + hold.reason();
    }

    static Retained policyRetained(String dataset, String field, RetentionPolicy policy) {
        return new Retained(
                dataset,
                field,
                "Retention policy '" + policy.name() + "': legal obligation, " + policy.period() + " from "
                        + policy.clock(),
                null,
                policy.period());
    }

    static List<DataField> sortedFields(Dataset dataset) {
        return dataset.fields().stream()
                .filter(field -> field.status() != FieldStatus.REJECTED)
                .sorted(Comparator.comparing(DataField::path))
                .toList();
    }

    private record Hold(LegalHold hold, HoldScope scope) {}
}
