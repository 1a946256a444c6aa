package dev.lethe.connectors.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A connector whose operations may finish later, outside Lethe: a service that answers {@code 202}
 * and calls back, or a person who confirms a manual task. Each method returns {@link Outcome.Done}
 * with the result, or {@link Outcome.Pending} naming the {@link PendingOperation} to wait for.
 *
 * <p>Idempotent by (tenant, connection, operation id, action): calling again with the same context
 * returns the same pending operation without asking the system twice, and once it has completed
 * returns its result. So a workflow waits for the pending operation's completion (a signal the
 * application sends when the callback or confirmation arrives) and then calls again to collect it.
 *
 * @see PendingOperations
 */
public interface Deferring {

    /** Per dataset, how many records of the subject the system holds. */
    Outcome<List<Locating.DatasetCount>> locate(OperationContext context, String connection, Identities subject);

    /** The subject's records (a system answers with them, so they are bounded by its answer's size). */
    Outcome<List<AccessedRecord>> access(OperationContext context, String connection, Identities subject);

    /** Applies the plan in the system; the report is the system's own account of what it did. */
    Outcome<ErasureReport> erase(OperationContext context, String connection, Identities subject, ErasurePlan plan);

    /**
     * Corrects {@code field} of {@code dataset} to {@code newValue}.
     *
     * @return how many records changed
     */
    Outcome<Long> rectify(
            OperationContext context,
            String connection,
            Identities subject,
            String dataset,
            String field,
            String newValue);

    /**
     * One record of the subject, values as the system sent them (JSON values; {@code null} allowed).
     * They are personal data: {@link #toString()} names the dataset only.
     */
    record AccessedRecord(String dataset, Map<String, Object> values) {

        public AccessedRecord {
            Objects.requireNonNull(dataset, "dataset");
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String toString() {
            return "AccessedRecord[" + dataset + "]";
        }
    }
}
