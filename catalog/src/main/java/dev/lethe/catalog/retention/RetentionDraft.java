package dev.lethe.catalog.retention;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.Require;
import dev.lethe.catalog.taxonomy.LegalBasis;
import java.util.UUID;

/**
 * A retention policy as a client writes it; defaults: clockKind FIELD, action DELETE, daily at 03:00, enabled,
 * no legal basis ({@code LEGAL_OBLIGATION} keeps the data from erasure requests), ANONYMIZE writing NULL
 * ({@code anonymizeWith}: NULL, MASK or HASH).
 */
public record RetentionDraft(
        String name,
        UUID datasetId,
        String dataCategory,
        String period,
        String clockKind,
        String clock,
        String action,
        String schedule,
        Boolean enabled,
        String legalBasis,
        String anonymizeWith) {

    public static final String DEFAULT_SCHEDULE = "0 0 3 * * *";

    public RetentionDraft {
        name = Require.text(name, "name");
        dataCategory = dataCategory == null || dataCategory.isBlank() ? null : dataCategory.strip();
        if ((datasetId == null) == (dataCategory == null)) {
            throw new InvalidInputException("A retention policy targets either datasetId or dataCategory");
        }
        period = Require.isoPeriod(period, "period");
        clockKind = clockKind == null
                ? ClockKind.FIELD.name()
                : Require.oneOf(ClockKind.class, clockKind, "clockKind").name();
        clock = Require.text(clock, "clock");
        action = action == null
                ? RetentionAction.DELETE.name()
                : Require.oneOf(RetentionAction.class, action, "action").name();
        schedule = schedule == null ? DEFAULT_SCHEDULE : Require.text(schedule, "schedule");
        if (schedule.split("\\s+").length != 6) {
            throw new InvalidInputException(
                    "schedule must be a six-field cron expression (second minute hour day month weekday), e.g. "
                            + DEFAULT_SCHEDULE);
        }
        enabled = enabled == null || enabled;
        legalBasis = legalBasis == null || legalBasis.isBlank()
                ? null
                : Require.oneOf(LegalBasis.class, legalBasis, "legalBasis").name();
        anonymizeWith = anonymizeWith == null || anonymizeWith.isBlank()
                ? AnonymizeWith.NULL.name()
                : Require.oneOf(AnonymizeWith.class, anonymizeWith, "anonymizeWith")
                        .name();
    }

    /** A draft that anonymizes (if at all) with NULL. */
    public RetentionDraft(
            String name,
            UUID datasetId,
            String dataCategory,
            String period,
            String clockKind,
            String clock,
            String action,
            String schedule,
            Boolean enabled,
            String legalBasis) {
        this(name, datasetId, dataCategory, period, clockKind, clock, action, schedule, enabled, legalBasis, null);
    }
}
