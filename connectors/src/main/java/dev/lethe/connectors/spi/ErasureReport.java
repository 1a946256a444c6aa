package dev.lethe.connectors.spi;

import java.util.List;

/**
 * What an erasure did: per rule, how many of the subject's records it changed, deleted or kept. A
 * repeated erasure of the same subject changes nothing and reports 0 for every rule that changes data.
 */
public record ErasureReport(List<Outcome> outcomes) {

    public ErasureReport {
        outcomes = List.copyOf(outcomes);
    }

    /** One rule's effect; {@code reason} is the RETAIN reason. */
    public record Outcome(String dataset, String field, ErasureStrategy strategy, long records, String reason) {

        /** What {@code rule} did to {@code records} records. */
        public static Outcome of(ErasureRule rule, long records) {
            return new Outcome(rule.dataset(), rule.field(), rule.strategy(), records, rule.reason());
        }
    }
}
