package dev.lethe.ui.connectors;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.discovery.ImportSummary;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.TestResult;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.Versions;
import dev.lethe.ui.api.WritableBy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/connections}: read by every role (secrets only as set or unset); registered, changed,
 * removed, tested and discovered by ENGINEER, PRIVACY_OFFICER and ADMIN; approved and a subject located
 * only by PRIVACY_OFFICER and ADMIN (approved by someone other than its submitter). See docs/connectors.md#registration-api-and-secrets.
 */
@WritableBy({Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/connections")
class ConnectionController {

    /** Who a locate is about: identity type → value ({@code {"email": "…"}}). */
    record LocateRequest(Map<String, String> identities) {

        @Override
        public String toString() {
            return "LocateRequest" + (identities == null ? "[]" : identities.keySet());
        }
    }

    /** A test's outcome: whether every check passed, and each check with what is wrong. */
    record TestView(boolean passed, List<TestResult.Check> checks) {}

    private final Connections connections;
    private final ConnectionOperations operations;

    ConnectionController(Connections connections, ConnectionOperations operations) {
        this.connections = connections;
        this.operations = operations;
    }

    @GetMapping
    List<ConnectionView> list(
            Authentication auth,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return connections.list(Caller.tenant(auth), PageRequest.of(offset, limit));
    }

    @GetMapping("/{id}")
    ResponseEntity<ConnectionView> get(Authentication auth, @PathVariable UUID id) {
        ConnectionView connection =
                connections.find(Caller.tenant(auth), id).orElseThrow(() -> new NotFoundException("connection " + id));
        return Versions.ok(connection, connection.revision());
    }

    /** Registers a connection; its settings are checked by its type and the outbound guard first. */
    @PostMapping
    ResponseEntity<ConnectionView> create(Authentication auth, @RequestBody ConnectionRequest request) {
        ConnectionView connection = connections.create(Caller.editor(auth, Caller.DATA_MAP_WRITERS), request);
        return Versions.created(
                URI.create("/api/v1/connections/" + connection.id()), connection, connection.revision());
    }

    /** Changes a connection; a secret setting left out (or sent as {@code {"set": true}}) is kept. */
    @PutMapping("/{id}")
    ResponseEntity<ConnectionView> update(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody ConnectionRequest request) {
        var editor = Caller.editor(auth, Caller.DATA_MAP_WRITERS);
        ConnectionView connection = connections.update(editor, id, Versions.ifMatch(ifMatch), request);
        return Versions.ok(connection, connection.revision());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        connections.delete(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }

    /**
     * Approves the connection at the version in {@code If-Match} (the one reviewed): from then on locate,
     * requests and retention use it. PRIVACY_OFFICER or ADMIN only, and not the one who registered it
     * or last changed its settings (403). Audited as {@code connector.connection.approved}.
     */
    @PostMapping("/{id}/approval")
    ResponseEntity<ConnectionView> approve(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        var editor = Caller.editor(auth, Caller.PRIVACY_WRITERS);
        ConnectionView connection = connections.approve(editor, id, Versions.ifMatch(ifMatch));
        return Versions.ok(connection, connection.revision());
    }

    /** Whether Lethe can reach and use the system: each check and its outcome (a failure is a result). */
    @PostMapping("/{id}/test")
    TestView test(Authentication auth, @PathVariable UUID id) {
        TestResult result = operations.test(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id);
        return new TestView(result.passed(), result.checks());
    }

    /** Discovers the system's datasets, fields and references into the catalog as DISCOVERED. */
    @PostMapping("/{id}/discover")
    ImportSummary discover(Authentication auth, @PathVariable UUID id) {
        return operations.discover(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id);
    }

    /**
     * How many records of each dataset belong to the subject; audited without the identities' values.
     * {@code 202} with {@code pending} when the system answers later (a webhook's callback, a manual task).
     */
    @PostMapping("/{id}/locate")
    ResponseEntity<LocateResult> locate(
            Authentication auth, @PathVariable UUID id, @RequestBody LocateRequest request) {
        var editor = Caller.editor(auth, Caller.PRIVACY_WRITERS);
        Identities subject;
        try {
            subject = new Identities(request.identities() == null ? Map.of() : request.identities());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("identities: " + e.getMessage());
        }
        LocateResult result = operations.locate(editor, id, subject);
        return result.pending() == null
                ? ResponseEntity.ok(result)
                : ResponseEntity.status(HttpStatus.ACCEPTED).body(result);
    }
}
