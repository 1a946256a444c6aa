package dev.lethe.catalog.retention;

import dev.lethe.catalog.change.Revision;
import dev.lethe.catalog.taxonomy.LegalBasis;
import java.util.UUID;

/**
 * How long data may be kept. The target is one dataset, or one data category across all datasets
 * (exactly one of {@code datasetId}, {@code dataCategory} is set).
 *
 * @param period ISO-8601, e.g. {@code P30D}, {@code P7Y}
 * @param clock the field path whose value starts the period ({@code FIELD}), or the activity field whose newest
 *     value among a subject's records starts it ({@code EVENT}: the subject's last activity)
 * @param schedule a six-field cron expression (second minute hour day month weekday), kept for compatibility:
 *     retention runs do not follow it, they enforce every enabled policy at the tenant's daily run (its
 *     retention schedule)
 * @param legalBasis why the data is kept for the period, or null; LEGAL_OBLIGATION keeps it from erasure
 * @param anonymizeWith what ANONYMIZE writes into the policy's fields
 */
public record RetentionPolicy(
        UUID id,
        String name,
        UUID datasetId,
        String dataCategory,
        String period,
        ClockKind clockKind,
        String clock,
        RetentionAction action,
        String schedule,
        boolean enabled,
        LegalBasis legalBasis,
        AnonymizeWith anonymizeWith,
        Revision revision) {

    /** A policy that anonymizes (if at all) with NULL. */
    public RetentionPolicy(
            UUID id,
            String name,
            UUID datasetId,
            String dataCategory,
            String period,
            ClockKind clockKind,
            String clock,
            RetentionAction action,
            String schedule,
            boolean enabled,
            LegalBasis legalBasis,
            Revision revision) {
        this(
                id,
                name,
                datasetId,
                dataCategory,
                period,
                clockKind,
                clock,
                action,
                schedule,
                enabled,
                legalBasis,
                AnonymizeWith.NULL,
                revision);
    }

    /**
     * Whether the policy keeps its data because the law says so (GDPR Art. 6(1)(c), tax or accounting
     * law): then an erasure request keeps it too (Art. 17(3)(b)) and reports why.
     */
    public boolean legalObligation() {
        return legalBasis == LegalBasis.LEGAL_OBLIGATION;
    }
}
