package dev.lethe.ui.retention;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.WritableBy;
import dev.lethe.workflows.retention.RetentionControl;
import dev.lethe.workflows.retention.RetentionRuns;
import dev.lethe.workflows.retention.RetentionSchedule;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/retention/schedule}: when the tenant's daily retention run starts (a time of day in a
 * time zone), read by PRIVACY_OFFICER, ADMIN and AUDITOR, set by PRIVACY_OFFICER and ADMIN. A change
 * wakes the tenant's schedule workflow, which then waits for the new time.
 */
@WritableBy({Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/retention/schedule")
class RetentionScheduleController {

    /** The schedule as written: {@code {"runAt": "03:00", "zone": "Europe/Berlin", "enabled": true}}. */
    record ScheduleBody(String runAt, String zone, Boolean enabled) {}

    /** The schedule as read, with when the next run starts (null when disabled). */
    record ScheduleView(String runAt, String zone, boolean enabled, Instant nextRunAt) {

        static ScheduleView of(RetentionSchedule schedule, Instant now) {
            return new ScheduleView(
                    schedule.runAt().toString(),
                    schedule.zone().getId(),
                    schedule.enabled(),
                    schedule.enabled() ? schedule.nextRunAfter(now) : null);
        }
    }

    private final RetentionRuns runs;
    private final RetentionControl control;

    RetentionScheduleController(RetentionRuns runs, RetentionControl control) {
        this.runs = runs;
        this.control = control;
    }

    @GetMapping
    ScheduleView get(Authentication auth) {
        UUID tenant = Caller.editor(auth, RetentionRunController.READERS).tenantId();
        return ScheduleView.of(runs.schedule(tenant), Instant.now());
    }

    @PutMapping
    ScheduleView put(Authentication auth, @RequestBody ScheduleBody body) {
        Editor editor = Caller.editor(auth, Caller.PRIVACY_WRITERS);
        RetentionSchedule schedule = runs.setSchedule(editor, parse(body));
        control.scheduleChanged(editor.tenantId());
        return ScheduleView.of(schedule, Instant.now());
    }

    static RetentionSchedule parse(ScheduleBody body) {
        if (body == null || body.runAt() == null || body.runAt().isBlank()) {
            throw new InvalidInputException("runAt is required: a time of day such as 03:00");
        }
        if (body.zone() == null || body.zone().isBlank()) {
            throw new InvalidInputException("zone is required: a time zone such as Europe/Berlin or UTC");
        }
        LocalTime runAt;
        try {
            runAt = LocalTime.parse(body.runAt().strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("runAt must be a time of day HH:mm (24 hours), such as 03:00");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(body.zone().strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("zone must be a time zone such as Europe/Berlin or UTC");
        }
        return new RetentionSchedule(runAt, zone, body.enabled() == null || body.enabled());
    }
}
