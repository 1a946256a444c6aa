package dev.lethe.ui.requests;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.WritableBy;
import dev.lethe.workflows.request.Channel;
import dev.lethe.workflows.request.NewRequest;
import dev.lethe.workflows.request.RequestFilter;
import dev.lethe.workflows.request.RequestManagement;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestSummary;
import dev.lethe.workflows.request.RequestType;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/requests}: data-subject requests filed and decided on by PRIVACY_OFFICER and ADMIN,
 * read by them and by AUDITOR. Responses name the subject's identity types, never their values. See
 * docs/api.md#requests and docs/requests.md#lifecycle.
 */
@WritableBy({Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/requests")
class RequestController {

    static final Set<Role> READERS = Set.of(Role.PRIVACY_OFFICER, Role.ADMIN, Role.AUDITOR);

    /** A request to file. Identities and corrections are personal data: not in {@link #toString()}. */
    record FileBody(
            String type,
            Map<String, String> identities,
            String regulation,
            String channel,
            Map<String, String> corrections,
            String purpose) {

        @Override
        public String toString() {
            return "FileBody[" + type + ", " + (identities == null ? "[]" : new TreeMap<>(identities).keySet()) + "]";
        }
    }

    /** Why an officer decides as they do (required to deny, extend, cancel, hold and skip). */
    record ReasonBody(String reason) {}

    private final RequestManagement requests;

    RequestController(RequestManagement requests) {
        this.requests = requests;
    }

    @PostMapping
    ResponseEntity<RequestManagement.Filed> file(Authentication auth, @RequestBody FileBody body) {
        Editor editor = officer(auth);
        NewRequest request = new NewRequest(
                parse(RequestType.class, body.type(), "type"),
                identities(body.identities()),
                body.regulation(),
                body.channel() == null ? Channel.API : parse(Channel.class, body.channel(), "channel"),
                body.corrections(),
                body.purpose());
        RequestManagement.Filed filed = requests.file(editor, request);
        return ResponseEntity.created(URI.create("/api/v1/requests/" + filed.id()))
                .body(filed);
    }

    /** A page of requests, soonest due first. */
    @GetMapping
    List<RequestSummary> list(
            Authentication auth,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String dueBefore,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        UUID tenant = Caller.editor(auth, READERS).tenantId();
        RequestFilter filter = new RequestFilter(
                status == null ? null : parse(RequestStatus.class, status, "status"),
                type == null ? null : parse(RequestType.class, type, "type"),
                dueBefore == null ? null : instant(dueBefore));
        return requests.list(tenant, filter, PageRequest.of(offset, limit));
    }

    @GetMapping("/{id}")
    RequestView get(Authentication auth, @PathVariable UUID id) {
        UUID tenant = Caller.editor(auth, READERS).tenantId();
        return RequestView.of(requests.find(tenant, id).orElseThrow(() -> new NotFoundException("request " + id)));
    }

    /** Approves a request awaiting approval; an erasure only by someone other than who filed it (else 409). */
    @PostMapping("/{id}/approve")
    RequestView approve(Authentication auth, @PathVariable UUID id, @RequestBody(required = false) ReasonBody body) {
        return RequestView.of(requests.approve(officer(auth), id, reason(body)));
    }

    @PostMapping("/{id}/deny")
    RequestView deny(Authentication auth, @PathVariable UUID id, @RequestBody(required = false) ReasonBody body) {
        return RequestView.of(requests.deny(officer(auth), id, reason(body)));
    }

    @PostMapping("/{id}/extend")
    RequestView extend(Authentication auth, @PathVariable UUID id, @RequestBody(required = false) ReasonBody body) {
        return RequestView.of(requests.extend(officer(auth), id, reason(body)));
    }

    @PostMapping("/{id}/cancel")
    RequestView cancel(Authentication auth, @PathVariable UUID id, @RequestBody(required = false) ReasonBody body) {
        return RequestView.of(requests.cancel(officer(auth), id, reason(body)));
    }

    @PostMapping("/{id}/hold")
    RequestView hold(Authentication auth, @PathVariable UUID id, @RequestBody(required = false) ReasonBody body) {
        return RequestView.of(requests.hold(officer(auth), id, reason(body)));
    }

    @PostMapping("/{id}/release")
    RequestView release(Authentication auth, @PathVariable UUID id) {
        return RequestView.of(requests.release(officer(auth), id));
    }

    /** Runs a failed system again; {@code system} is the connection's id. */
    @PostMapping("/{id}/systems/{system}/retry")
    RequestView retry(Authentication auth, @PathVariable UUID id, @PathVariable UUID system) {
        return RequestView.of(requests.retrySystem(officer(auth), id, system));
    }

    @PostMapping("/{id}/systems/{system}/skip")
    RequestView skip(
            Authentication auth,
            @PathVariable UUID id,
            @PathVariable UUID system,
            @RequestBody(required = false) ReasonBody body) {
        return RequestView.of(requests.skipSystem(officer(auth), id, system, reason(body)));
    }

    /** Records why a recipient (Art. 19) is not told or will not acknowledge; {@code recipient} is its id. */
    @PostMapping("/{id}/recipients/{recipient}/waive")
    RequestView waiveRecipient(
            Authentication auth,
            @PathVariable UUID id,
            @PathVariable UUID recipient,
            @RequestBody(required = false) ReasonBody body) {
        return RequestView.of(requests.waiveRecipient(officer(auth), id, recipient, reason(body)));
    }

    private static Editor officer(Authentication auth) {
        return Caller.editor(auth, Caller.PRIVACY_WRITERS);
    }

    private static String reason(ReasonBody body) {
        return body == null ? null : body.reason();
    }

    private static Identities identities(Map<String, String> identities) {
        try {
            return new Identities(identities == null ? Map.of() : identities);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("identities: " + e.getMessage());
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name + " is required");
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("dueBefore must be an ISO-8601 instant, e.g. 2026-03-01T00:00:00Z");
        }
    }
}
