package dev.lethe.ui.reports;

import dev.lethe.ui.security.LetheAuthentication;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reports from the audit chain: who accessed personal data. For auditors, privacy officers (whose
 * duty it is to watch access to personal data) and admins.
 */
@RestController
@RequestMapping("/api/v1/reports")
@PreAuthorize("hasAnyRole('AUDITOR', 'PRIVACY_OFFICER', 'ADMIN')")
class ReportsController {

    static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    record AccessReport(Instant from, Instant to, List<PersonalDataAccess.Line> lines) {}

    private final PersonalDataAccess access;

    ReportsController(PersonalDataAccess access) {
        this.access = access;
    }

    /** {@code from} and {@code to} are instants (ISO-8601); by default the last 30 days. */
    @GetMapping("/personal-data-access")
    AccessReport personalDataAccess(
            LetheAuthentication caller,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(DEFAULT_RANGE);
        try {
            return new AccessReport(start, end, access.report(caller.tenantId(), start, end));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
