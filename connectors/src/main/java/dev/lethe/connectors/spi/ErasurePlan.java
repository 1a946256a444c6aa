package dev.lethe.connectors.spi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an erasure does in one system, dataset by dataset. A dataset has either one rule for its
 * whole records (delete or retain) or rules for fields; a field has at most one rule. Datasets of
 * the subject map without a rule are left as they are and reported by verification.
 */
public record ErasurePlan(List<ErasureRule> rules) {

    /** What MASK writes. */
    public static final String MASK = "[erased]";

    public ErasurePlan {
        rules = List.copyOf(rules);
        Set<String> wholeRecords = new HashSet<>();
        Set<String> fields = new HashSet<>();
        Set<String> datasetsWithFieldRules = new HashSet<>();
        for (ErasureRule rule : rules) {
            if (rule.field() == null) {
                if (!wholeRecords.add(rule.dataset())) {
                    throw new IllegalArgumentException(rule.dataset() + " has two rules for its records");
                }
            } else {
                datasetsWithFieldRules.add(rule.dataset());
                if (!fields.add(rule.dataset() + "\u0000" + rule.field())) {
                    throw new IllegalArgumentException(rule.dataset() + "." + rule.field() + " has two rules");
                }
            }
        }
        wholeRecords.retainAll(datasetsWithFieldRules);
        if (!wholeRecords.isEmpty()) {
            throw new IllegalArgumentException(
                    wholeRecords.iterator().next() + " has a rule for its whole records and rules for fields");
        }
    }

    /** The rules grouped by dataset, in plan order. */
    public Map<String, List<ErasureRule>> byDataset() {
        Map<String, List<ErasureRule>> grouped = new LinkedHashMap<>();
        rules.forEach(rule ->
                grouped.computeIfAbsent(rule.dataset(), d -> new ArrayList<>()).add(rule));
        return grouped;
    }
}
