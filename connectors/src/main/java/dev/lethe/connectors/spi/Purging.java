package dev.lethe.connectors.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A connector that can enforce a retention period on a dataset. */
public interface Purging {

    /**
     * Deletes the records of a dataset whose clock field is before the cutoff, or sets the listed
     * fields to null or {@link ErasurePlan#MASK} in them, in batches of at most {@code batchSize}
     * records, each committed on its own, checking between batches whether to stop. A purge that was
     * stopped or failed resumes where it was when run again: what is done stays done.
     */
    PurgeResult purge(OperationContext context, Purge purge);

    /**
     * @param anonymize fields to erase in place (NULL or MASK only); empty: delete the records
     */
    record Purge(String dataset, String clockField, Instant cutoff, int batchSize, List<ErasureRule> anonymize) {

        private static final Set<ErasureStrategy> IN_PLACE = Set.of(ErasureStrategy.NULL, ErasureStrategy.MASK);

        public Purge {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(clockField, "clockField");
            Objects.requireNonNull(cutoff, "cutoff");
            anonymize = List.copyOf(anonymize);
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("a batch is 1 to 100,000 records: " + batchSize);
            }
            for (ErasureRule rule : anonymize) {
                if (!rule.dataset().equals(dataset) || rule.field() == null || !IN_PLACE.contains(rule.strategy())) {
                    throw new IllegalArgumentException(
                            "a purge anonymizes fields of its own dataset with NULL or MASK: " + rule);
                }
            }
        }
    }

    /** How many records were deleted or anonymized, in how many batches. */
    record PurgeResult(long records, int batches) {}
}
