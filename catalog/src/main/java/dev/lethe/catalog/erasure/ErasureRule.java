package dev.lethe.catalog.erasure;

import dev.lethe.catalog.change.Revision;
import java.time.Instant;
import java.util.UUID;

/**
 * How an erasure treats a dataset's records ({@code fieldPath == null}), one field of a dataset, or
 * every field of a data category (exactly one of {@code datasetId}, {@code dataCategory} is set).
 *
 * @param reason the legal reason a RETAIN keeps what it keeps (e.g. "HGB §257: invoices, 10 years"); null
 *     for the other strategies
 * @param retainPeriod how long after the request a RETAIN keeps it (ISO-8601), or null
 * @param retainUntil until when a RETAIN keeps it, or null (at most one of the two is set)
 */
public record ErasureRule(
        UUID id,
        UUID datasetId,
        String dataCategory,
        String fieldPath,
        Strategy strategy,
        String reason,
        String retainPeriod,
        Instant retainUntil,
        Revision revision) {

    /** Whether the rule speaks for a dataset's whole records. */
    public boolean forRecords() {
        return datasetId != null && fieldPath == null;
    }
}
