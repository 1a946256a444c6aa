package dev.lethe.ui.requests;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.WritableBy;
import dev.lethe.workflows.request.PurposeChecks;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

    // Its own problems (RFC 9457), so the controller does not depend on where the request API's advice lives.

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", "The body is not the JSON this endpoint expects");
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(Caller.ForbiddenException.class)
    ProblemDetail forbidden(Caller.ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static Identities identities(Map<String, String> identities) {
        try {
            return new Identities(identities == null ? Map.of() : identities);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("identities: " + e.getMessage());
        }
    }
}
