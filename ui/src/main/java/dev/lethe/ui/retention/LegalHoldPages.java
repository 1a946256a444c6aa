package dev.lethe.ui.retention;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.VersionConflictException;
import dev.lethe.catalog.retention.HoldDraft;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.WebPage;
import dev.lethe.vault.Vault;
import dev.lethe.workflows.request.IdentityHashes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Legal holds placed and released from the retention page, by privacy officers and admins. A hold's
 * scope is a system, a dataset, a data category or a data subject named by their e-mail address, of
 * which only the vault's keyed hash is kept (as the API does); releasing asks to confirm first.
 */
@Controller
@WebPage
@PageAccess(
        read = {Role.PRIVACY_OFFICER, Role.ADMIN},
        write = {Role.PRIVACY_OFFICER, Role.ADMIN})
class LegalHoldPages {

    private final LegalHolds holds;
    private final IdentityHashes hashes;
    private final RetentionNames names;

    LegalHoldPages(LegalHolds holds, Vault vault, RetentionNames names) {
        this.holds = holds;
        this.hashes = new IdentityHashes(vault);
        this.names = names;
    }

    /** Places a hold; {@code scope} is {@code system:<id>}, {@code dataset:<id>}, {@code category:<code>} or {@code subject}. */
    @PostMapping("/retention/holds")
    String place(
            LetheAuthentication person,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String subjectEmail,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String heldUntil,
            RedirectAttributes redirect) {
        Editor editor = Caller.editor(person, Caller.PRIVACY_WRITERS);
        try {
            holds.place(editor, draft(editor.tenantId(), scope, subjectEmail, reason, heldUntil));
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", "The hold was not placed: " + e.getMessage());
            return "redirect:/retention#holds";
        }
        redirect.addFlashAttribute("notice", "The legal hold is placed.");
        return "redirect:/retention#holds";
    }

    /** Asks to confirm a release. */
    @GetMapping("/retention/holds/{id}/release")
    String confirmRelease(LetheAuthentication person, @PathVariable UUID id, Model model) {
        LegalHold hold = find(person, id);
        model.addAttribute("hold", HoldRow.of(hold, names.of(person.tenantId()), Instant.now()));
        return "retention/release";
    }

    @PostMapping("/retention/holds/{id}/release")
    String release(
            LetheAuthentication person,
            @PathVariable UUID id,
            @RequestParam(required = false) Integer version,
            RedirectAttributes redirect) {
        Editor editor = Caller.editor(person, Caller.PRIVACY_WRITERS);
        LegalHold hold = find(person, id);
        try {
            holds.release(editor, id, version == null ? hold.revision().version() : version);
        } catch (VersionConflictException | ConflictException | InvalidInputException e) {
            redirect.addFlashAttribute("error", "The hold was not released: " + e.getMessage());
            return "redirect:/retention#holds";
        }
        redirect.addFlashAttribute("notice", "The legal hold is released.");
        return "redirect:/retention#holds";
    }

    private HoldDraft draft(UUID tenant, String scope, String subjectEmail, String reason, String heldUntil) {
        Instant until = until(heldUntil);
        String chosen = scope == null ? "" : scope.strip();
        if (chosen.equals("subject")) {
            if (subjectEmail == null || subjectEmail.isBlank()) {
                throw new InvalidInputException("A hold on a data subject needs their e-mail address");
            }
            List<String> subject = List.copyOf(
                    hashes.of(tenant, Identities.of("email", subjectEmail)).values());
            return new HoldDraft(null, null, null, subject, reason, until);
        }
        int colon = chosen.indexOf(':');
        if (colon < 0) {
            throw new InvalidInputException("Choose what the hold covers");
        }
        String value = chosen.substring(colon + 1);
        return switch (chosen.substring(0, colon)) {
            case "system" -> new HoldDraft(uuid(value), null, null, null, reason, until);
            case "dataset" -> new HoldDraft(null, uuid(value), null, null, reason, until);
            case "category" -> new HoldDraft(null, null, value, null, reason, until);
            default -> throw new InvalidInputException("Choose what the hold covers");
        };
    }

    /** A date as the end of the hold: it holds through that day (UTC). */
    private static Instant until(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.strip())
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("Held until must be a date such as 2027-12-31");
        }
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Choose what the hold covers");
        }
    }

    private LegalHold find(LetheAuthentication person, UUID id) {
        return holds.find(person.tenantId(), id).orElseThrow(() -> new NotFoundException("legal hold " + id));
    }
}
