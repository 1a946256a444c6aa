package dev.lethe.workflows.retention;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When the tenant's retention runs start: every day at {@code runAt} in {@code zone} (a policy's own cron
 * schedule is not used). On a day the clocks change, a time that does not exist is taken one hour later
 * and a time that exists twice at its first occurrence ({@link ZonedDateTime#of}).
 */
public record RetentionSchedule(LocalTime runAt, ZoneId zone, boolean enabled) {

    /** A tenant that never set its schedule: daily at 03:00 UTC. */
    public static final RetentionSchedule DEFAULT = new RetentionSchedule(LocalTime.of(3, 0), ZoneId.of("UTC"), true);

    public RetentionSchedule {
        Objects.requireNonNull(runAt, "runAt");
        Objects.requireNonNull(zone, "zone");
        runAt = runAt.withNano(0);
    }

    /** The first run time strictly after {@code instant} (whether or not the schedule is enabled). */
    public Instant nextRunAfter(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), runAt, zone);
        if (!candidate.toInstant().isAfter(instant)) {
            candidate = ZonedDateTime.of(local.toLocalDate().plusDays(1), runAt, zone);
        }
        return candidate.toInstant();
    }
}
