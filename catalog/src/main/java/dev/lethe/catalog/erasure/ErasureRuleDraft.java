package dev.lethe.catalog.erasure;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * An erasure rule as a client writes it. A rule for a dataset's records ({@code datasetId} without
 * {@code fieldPath}) deletes (DELETE_ROW) or retains them; a rule for a field ({@code datasetId} and
 * {@code fieldPath}) or for a data category (every field of the category) uses a field strategy, never
 * DELETE_ROW. RETAIN needs the legal reason and may say until when (a date or a period), the other
 * strategies have neither.
 */
public record ErasureRuleDraft(
        UUID datasetId,
        String dataCategory,
        String fieldPath,
        String strategy,
        String reason,
        String retainPeriod,
        Instant retainUntil) {

    public ErasureRuleDraft {
        dataCategory = blankToNull(dataCategory);
        fieldPath = blankToNull(fieldPath);
        if ((datasetId == null) == (dataCategory == null)) {
            throw new InvalidInputException("An erasure rule targets either datasetId or dataCategory");
        }
        if (fieldPath != null && datasetId == null) {
            throw new InvalidInputException("fieldPath names a field of datasetId; a category rule has none");
        }
        if (fieldPath != null) {
            fieldPath = Require.text(fieldPath, "fieldPath");
        }
        Strategy chosen = Require.oneOf(Strategy.class, strategy, "strategy");
        strategy = chosen.name();
        boolean records = datasetId != null && fieldPath == null;
        if (records && !chosen.forRecords()) {
            throw new InvalidInputException("A rule for a dataset's whole records is DELETE_ROW or RETAIN, not "
                    + chosen + " (name a fieldPath for a field strategy)");
        }
        if (!records && !chosen.forFields()) {
            throw new InvalidInputException("DELETE_ROW is a rule for a dataset's whole records, not for "
                    + (fieldPath != null ? "a field" : "a data category"));
        }
        reason = blankToNull(reason);
        retainPeriod = blankToNull(retainPeriod);
        if (chosen == Strategy.RETAIN) {
            reason = Require.text(reason, "reason");
            if (retainPeriod != null && retainUntil != null) {
                throw new InvalidInputException("A RETAIN rule keeps for retainPeriod or until retainUntil, not both");
            }
            if (retainPeriod != null) {
                retainPeriod = Require.isoPeriod(retainPeriod, "retainPeriod");
            }
        } else if (reason != null || retainPeriod != null || retainUntil != null) {
            throw new InvalidInputException("Only a RETAIN rule has a reason, retainPeriod or retainUntil");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
