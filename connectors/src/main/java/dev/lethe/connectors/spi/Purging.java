package dev.lethe.connectors.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/** A connector that can enforce a retention period on a dataset. */
public interface Purging {

    /**
     * Hands {@code sink} every identity value (identity type, value) on the records of a dataset whose activity
     * field is at or after the cutoff: the subjects active since then, for a purge whose clock is the subject's
     * last activity (an EVENT clock). Changes nothing; reads in pages of at most {@code batchSize}, checking
     * between them whether to stop. A value may be handed more than once. Blank values are left out.
     *
     * @throws ConnectorException fatal when the connector cannot tell a subject's activity apart (the default:
     *     e.g. a log that can only lose a prefix), or the dataset, a field, or the activity field's type is wrong
     */
    default void activeIdentities(OperationContext context, ActivityScan scan, BiConsumer<String, String> sink) {
        throw ConnectorException.fatal(
                "This connector cannot find the subjects' last activity: an EVENT clock is not enforced here", null);
    }

    /**
     * What {@link #activeIdentities} reads.
     *
     * @param activityField a date or timestamp field of the dataset: one activity of the record's subject
     * @param identityFields the dataset's identity fields (field → identity type, e.g. {@code email → email})
     */
    record ActivityScan(
            String dataset, String activityField, Instant cutoff, Map<String, String> identityFields, int batchSize) {

        public ActivityScan {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(activityField, "activityField");
            Objects.requireNonNull(cutoff, "cutoff");
            identityFields = Map.copyOf(identityFields);
            if (identityFields.isEmpty()) {
                throw new IllegalArgumentException("the subjects' activity is found by their identity fields: none");
            }
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("a batch is 1 to 100,000 records: " + batchSize);
            }
        }
    }

    /**
     * Deletes the records of a dataset whose clock field is before the cutoff, or erases the listed
     * fields in them (NULL, MASK, HASH or TOKENIZE), in batches of at most {@code batchSize} records, each
     * committed on its own, checking between batches whether to stop and keeping the pace asked for.
     * Records of held subjects stay as they are and are counted in {@link PurgeResult#held}. A purge
     * that was stopped or failed resumes where it was when run again: what is done stays done.
     */
    PurgeResult purge(OperationContext context, Purge purge);

    /** What purge would do now, changing nothing: same selection, same holds. */
    PurgePreview preview(OperationContext context, Purge purge);

    /**
     * The subject a purge's TOKENIZE tokens belong to: one per operation (a retention task), so that
     * shredding it makes exactly that purge's tokens unreadable, and a retried purge continues under the same key.
     */
    static Identities tokenSubject(OperationContext context) {
        return new Identities(Map.of("retention_purge", context.operationId()));
    }

    /**
     * Shreds the purge's own subject once a TOKENIZE purge has finished: from then on its tokens are
     * anonymous. Connectors call it after their last batch.
     */
    static void shredTokens(ConnectorRuntime runtime, OperationContext context, Purge purge) {
        if (purge.tokenizes()) {
            runtime.protection().shred(context.tenant(), tokenSubject(context), context.operationId());
        }
    }

    /**
     * @param anonymize fields to erase in place, NULL, MASK, HASH or TOKENIZE (through the runtime's {@link
     *     ValueProtection}, keyed by the rule's category); empty: delete the records. TOKENIZE is
     *     tokenize-then-shred: a deterministic token under the key of the purge's own subject ({@link
     *     #tokenSubject}), which the connector shreds once the purge has finished — equal values keep equal
     *     tokens (counts and joins still work) and no one can ever read them back
     * @param held subjects whose records stay, whatever their age
     * @param pace how fast to go
     * @param active for an EVENT clock (the subject's last activity, {@code clockField} being the activity
     *     field): the subjects active since the cutoff, whose records are not expired; {@link
     *     ActiveSubjects#NONE} for a FIELD clock
     */
    record Purge(
            String dataset,
            String clockField,
            Instant cutoff,
            int batchSize,
            List<ErasureRule> anonymize,
            HeldSubjects held,
            Pace pace,
            ActiveSubjects active) {

        private static final Set<ErasureStrategy> IN_PLACE =
                Set.of(ErasureStrategy.NULL, ErasureStrategy.MASK, ErasureStrategy.HASH, ErasureStrategy.TOKENIZE);

        public Purge {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(clockField, "clockField");
            Objects.requireNonNull(cutoff, "cutoff");
            Objects.requireNonNull(held, "held");
            Objects.requireNonNull(pace, "pace");
            Objects.requireNonNull(active, "active");
            anonymize = List.copyOf(anonymize);
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("a batch is 1 to 100,000 records: " + batchSize);
            }
            for (ErasureRule rule : anonymize) {
                if (!rule.dataset().equals(dataset) || rule.field() == null || !IN_PLACE.contains(rule.strategy())) {
                    throw new IllegalArgumentException(
                            "a purge anonymizes fields of its own dataset with NULL, MASK, HASH or TOKENIZE: " + rule);
                }
            }
        }

        /** Whether the purge tokenizes, so that its own subject's key must be shredded when it has finished. */
        public boolean tokenizes() {
            return anonymize.stream().anyMatch(rule -> rule.strategy() == ErasureStrategy.TOKENIZE);
        }

        /** A FIELD clock's purge: each record's own clock value decides. */
        public Purge(
                String dataset,
                String clockField,
                Instant cutoff,
                int batchSize,
                List<ErasureRule> anonymize,
                HeldSubjects held,
                Pace pace) {
            this(dataset, clockField, cutoff, batchSize, anonymize, held, pace, ActiveSubjects.NONE);
        }

        /** The existing 5-argument form: no subject holds, unpaced. */
        public Purge(String dataset, String clockField, Instant cutoff, int batchSize, List<ErasureRule> anonymize) {
            this(dataset, clockField, cutoff, batchSize, anonymize, HeldSubjects.NONE, Pace.UNPACED);
        }

        /** The same purge with these held subjects. */
        public Purge withHeld(HeldSubjects held) {
            return new Purge(dataset, clockField, cutoff, batchSize, anonymize, held, pace, active);
        }

        /** The same purge at this pace. */
        public Purge withPace(Pace pace) {
            return new Purge(dataset, clockField, cutoff, batchSize, anonymize, held, pace, active);
        }

        /** The same purge with an EVENT clock: these subjects were active since the cutoff. */
        public Purge withActive(ActiveSubjects active) {
            return new Purge(dataset, clockField, cutoff, batchSize, anonymize, held, pace, active);
        }

        /**
         * Whether a record must be read before it is changed: its subject may be held or active (the identity
         * fields are read), or a value is computed (HASH, TOKENIZE).
         */
        public boolean readsEachRecord() {
            return held.any()
                    || active.any()
                    || anonymize.stream()
                            .anyMatch(rule -> rule.strategy() == ErasureStrategy.HASH
                                    || rule.strategy() == ErasureStrategy.TOKENIZE);
        }
    }

    /**
     * How fast a purge goes, so that production readers and writers are not blocked: a pause after
     * every batch, and at most {@code maxRecordsPerSecond} records a second (0: no limit; a per-system
     * rate limit, applied by the caller per system).
     */
    record Pace(Duration pauseBetweenBatches, int maxRecordsPerSecond) {

        /** No pause, no limit. */
        public static final Pace UNPACED = new Pace(Duration.ZERO, 0);

        public Pace {
            Objects.requireNonNull(pauseBetweenBatches, "pauseBetweenBatches");
            if (pauseBetweenBatches.isNegative()) {
                throw new IllegalArgumentException("a pause is not negative: " + pauseBetweenBatches);
            }
            if (maxRecordsPerSecond < 0) {
                throw new IllegalArgumentException("a rate limit is 0 (none) or more: " + maxRecordsPerSecond);
            }
        }

        /** Whether this pace ever waits. */
        public boolean paced() {
            return !pauseBetweenBatches.isZero() || maxRecordsPerSecond > 0;
        }
    }

    /**
     * How many records were deleted or anonymized, in how many batches, and how many expired records
     * were left in place because they belong to a held subject (Kafka: also the expired records after
     * a held one, since a topic can only lose a prefix).
     */
    record PurgeResult(long records, int batches, long held) {}

    /**
     * What a purge would do now: how many records it would change and how many it would leave for a
     * hold; oldest/newest are the clock values of the records that would go, null when none.
     */
    record PurgePreview(long records, long held, Instant oldest, Instant newest) {

        /** Nothing to purge. */
        public static final PurgePreview NOTHING = new PurgePreview(0, 0, null, null);
    }
}
