package dev.lethe.ui.catalog;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.dataset.DataField;
import dev.lethe.catalog.dataset.DataFields;
import dev.lethe.catalog.dataset.FieldDraft;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.Versions;
import dev.lethe.ui.api.WritableBy;
import java.net.URI;
import java.util.List;
import java.util.UUID;
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
 * {@code /api/v1/fields}: read by every role; written, confirmed and rejected by ENGINEER,
 * PRIVACY_OFFICER, ADMIN. A field created with {@code ?status=DISCOVERED} is a proposal that
 * waits for {@code POST /{id}/confirm} or {@code /{id}/reject}; by default a created field is
 * CONFIRMED by its creator. Fields that ingest discovers carry their {@code sampleCount} (findings
 * counted, never values) and confidence; see docs/catalog.md#discovery.
 */
@WritableBy({Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/fields")
class FieldController {

    private final DataFields fields;

    FieldController(DataFields fields) {
        this.fields = fields;
    }

    @GetMapping
    List<DataField> list(
            Authentication auth,
            @RequestParam(required = false) UUID datasetId,
            @RequestParam(required = false) UUID after,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return fields.list(Caller.tenant(auth), datasetId, after, PageRequest.of(offset, limit));
    }

    @GetMapping("/{id}")
    ResponseEntity<DataField> get(Authentication auth, @PathVariable UUID id) {
        DataField field = fields.find(Caller.tenant(auth), id).orElseThrow(() -> new NotFoundException("field " + id));
        return Versions.ok(field, field.revision());
    }

    @PostMapping
    ResponseEntity<DataField> create(
            Authentication auth,
            @RequestParam(defaultValue = "CONFIRMED") FieldStatus status,
            @RequestBody FieldDraft draft) {
        if (status == FieldStatus.REJECTED) {
            throw new dev.lethe.catalog.change.InvalidInputException("A new field is DISCOVERED or CONFIRMED");
        }
        DataField field = fields.create(Caller.editor(auth, Caller.DATA_MAP_WRITERS), draft, status);
        return Versions.created(URI.create("/api/v1/fields/" + field.id()), field, field.revision());
    }

    @PutMapping("/{id}")
    ResponseEntity<DataField> update(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody FieldDraft draft) {
        DataField field =
                fields.update(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, Versions.ifMatch(ifMatch), draft);
        return Versions.ok(field, field.revision());
    }

    @PostMapping("/{id}/confirm")
    ResponseEntity<DataField> confirm(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return decide(auth, id, ifMatch, FieldStatus.CONFIRMED);
    }

    @PostMapping("/{id}/reject")
    ResponseEntity<DataField> reject(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return decide(auth, id, ifMatch, FieldStatus.REJECTED);
    }

    /** The identity type a field holds ({@code email}, {@code customer_id}, …); null clears it. */
    record IdentityRequest(String identityType) {}

    /**
     * Sets the identity type the field holds; with If-Match like every field change. A DISCOVERED field
     * keeps its status: erasure and locate use only CONFIRMED fields.
     */
    @PutMapping("/{id}/identity")
    ResponseEntity<DataField> setIdentity(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody IdentityRequest request) {
        DataField field = fields.setIdentity(
                Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, Versions.ifMatch(ifMatch), request.identityType());
        return Versions.ok(field, field.revision());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        fields.delete(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<DataField> decide(Authentication auth, UUID id, String ifMatch, FieldStatus decision) {
        DataField field =
                fields.decide(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, Versions.ifMatch(ifMatch), decision);
        return Versions.ok(field, field.revision());
    }
}
