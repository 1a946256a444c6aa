package dev.lethe.app.requests;

import dev.lethe.app.catalog.api.Caller;
import dev.lethe.app.catalog.api.WritableBy;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.workflows.request.PurposeChecks;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/purpose-checks}: a processing system asks whether it may use a data subject for
 * a purpose (or along a data flow of the catalog), answered from the objections (Art. 21) and
 * restrictions (Art. 18) requests recorded. The subject's identities travel in the body, never the URL,
 * and are only hashed. PRIVACY_OFFICER, ADMIN and ENGINEER (the role of processing systems' keys) ask;
 * a write scope, because the subject is in the body. Not audited per call: systems ask per record.
 */
@WritableBy({Role.PRIVACY_OFFICER, Role.ADMIN, Role.ENGINEER})
@RestController
class PurposeCheckController {

    private static final Set<Role> ASKERS = Set.of(Role.PRIVACY_OFFICER, Role.ADMIN, Role.ENGINEER);

    private final PurposeChecks checks;

    PurposeCheckController(PurposeChecks checks) {
        this.checks = checks;
    }

    /** The question. Identities are personal data: not in {@link #toString()}. */
    record Question(Map<String, String> identities, String purpose, UUID flowId) {

        @Override
        public String toString() {
            return "Question[" + (identities == null ? "[]" : new TreeMap<>(identities).keySet()) + ", " + purpose
                    + ", " + flowId + "]";
        }
    }

    @PostMapping("/api/v1/purpose-checks")
    PurposeChecks.Answer check(Authentication auth, @RequestBody Question question) {
        UUID tenant = Caller.editor(auth, ASKERS).tenantId();
        return checks.check(tenant, identities(question.identities()), question.purpose(), question.flowId());
    }

    private static Identities identities(Map<String, String> identities) {
        try {
            return new Identities(identities == null ? Map.of() : identities);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("identities: " + e.getMessage());
        }
    }
}
