package dev.lethe.ui.audit;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointAnchors;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.WebPage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log for auditors, privacy officers and admins: the tenant's trail newest first, filtered by
 * action, actor and day, a page at a time; and "verify the chain", which recomputes it from the first
 * entry and checks it against the signed checkpoints and their anchors. Verifying writes nothing, but
 * it is a POST (it does real work on demand): the same people may post it.
 */
@Controller
@WebPage
@PageAccess(read = {Role.ADMIN, Role.PRIVACY_OFFICER, Role.AUDITOR})
class AuditPages {

    static final int PAGE = 50;

    /** The filters as typed: blank ones are unset; {@code from} and {@code to} are days (UTC), both included. */
    record Filter(String action, String actor, String from, String to) {

        public boolean any() {
            return !blank(action) || !blank(actor) || !blank(from) || !blank(to);
        }

        AuditQuery query(Long before) {
            return new AuditQuery(
                    day(from, "from", 0), day(to, "to", 1), text(actor), text(action), null, before, PAGE);
        }

        private static Instant day(String value, String name, int plusDays) {
            if (blank(value)) {
                return null;
            }
            try {
                return LocalDate.parse(value.strip())
                        .plusDays(plusDays)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("“" + name + "” must be a date such as 2026-12-01");
            }
        }

        private static String text(String value) {
            return blank(value) ? null : value.strip();
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    private final AuditTrail trail;
    private final CheckpointAnchors anchors;

    AuditPages(AuditTrail trail, CheckpointAnchors anchors) {
        this.trail = trail;
        this.anchors = anchors;
    }

    @GetMapping("/audit")
    String log(
            LetheAuthentication person,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Long before,
            Model model) {
        Filter filter = new Filter(action, actor, from, to);
        model.addAttribute("filter", filter);
        List<AuditEntry> entries;
        try {
            entries = trail.page(person.tenantId(), filter.query(before));
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
            entries = List.of();
        }
        model.addAttribute("entries", entries.stream().map(AuditRow::of).toList());
        model.addAttribute("before", before);
        model.addAttribute(
                "next",
                entries.size() == PAGE && entries.getLast().seq() > 1
                        ? entries.getLast().seq()
                        : null);
        return "audit/audit";
    }

    /** Verifies the tenant's chain: a fragment for the page's result panel. */
    @PostMapping("/audit/verify")
    @PageAccess(
            read = {Role.ADMIN, Role.PRIVACY_OFFICER, Role.AUDITOR},
            write = {Role.ADMIN, Role.PRIVACY_OFFICER, Role.AUDITOR})
    String verify(LetheAuthentication person, Model model) {
        model.addAttribute("verification", trail.verify(person.tenantId(), anchors));
        return "audit/audit :: verification";
    }
}
