package dev.lethe.ui.ingest;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.Require;
import dev.lethe.ingest.SubjectLocations;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.WritableBy;
import dev.lethe.vault.Vault;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/locator/search}: where a data subject's records are, from the locator index.
 * The subject id travels in the body, never the URL; the lookup is audited under the subject's
 * keyed hash. PRIVACY_OFFICER and ADMIN only: knowing where a person's data lives is itself personal.
 */
@WritableBy({Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/locator")
class LocatorController {

    private static final Set<Role> LOOKERS = Set.of(Role.PRIVACY_OFFICER, Role.ADMIN);

    private final SubjectLocations locations;
    private final Vault vault;
    private final AuditTrail trail;

    LocatorController(SubjectLocations locations, Vault vault, AuditTrail trail) {
        this.locations = locations;
        this.vault = vault;
        this.trail = trail;
    }

    /** @param requestId the data-subject request this lookup serves, for the audit trail (optional) */
    record LocatorQuery(String subject, String requestId) {
        LocatorQuery {
            subject = Require.text(subject, "subject");
            if (subject.length() > 256) {
                throw new InvalidInputException("subject is longer than 256 characters");
            }
            requestId = Require.optional(requestId, "requestId");
        }
    }

    record LocatorAnswer(String subjectHash, List<SubjectLocations.Location> locations) {}

    @PostMapping("/search")
    LocatorAnswer search(Authentication auth, @RequestBody LocatorQuery query) {
        var editor = Caller.editor(auth, LOOKERS);
        String tenant = editor.tenantId().toString();
        String hash = vault.subjectHash(tenant, query.subject()).hex();
        List<SubjectLocations.Location> found = locations.find(tenant, hash);
        trail.append(new AuditEvent(
                editor.tenantId(),
                editor.actor(),
                "locator.search",
                "subject-hash:" + hash,
                Map.of("requestId", query.requestId(), "locations", Integer.toString(found.size()))));
        return new LocatorAnswer(hash, found);
    }
}
