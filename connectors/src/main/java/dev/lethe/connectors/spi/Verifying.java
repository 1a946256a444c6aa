package dev.lethe.connectors.spi;

import java.util.List;

/** A connector that can tell what of a subject is still there after an erasure. */
public interface Verifying {

    /**
     * Per dataset and field of the plan, how many of the subject's records still hold what the plan
     * erases (unexpected) or what it retains (expected, with the reason), and records of datasets of
     * the map that the plan does not mention (unexpected: "no rule").
     */
    Verification verify(OperationContext context, Identities subject, SubjectMap map, ErasurePlan plan);

    /** What is left; it {@link #passed()} when everything left was retained on purpose. */
    record Verification(List<Remaining> remaining) {

        public Verification {
            remaining = List.copyOf(remaining);
        }

        public boolean passed() {
            return remaining.stream().allMatch(Remaining::expected);
        }
    }

    /** Records of a dataset (field {@code null}: whole records) still there, and why. */
    record Remaining(String dataset, String field, long records, boolean expected, String reason) {}
}
