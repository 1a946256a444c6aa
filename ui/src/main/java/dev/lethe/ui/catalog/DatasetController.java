package dev.lethe.ui.catalog;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.DatasetDraft;
import dev.lethe.catalog.dataset.DatasetSummary;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.dataset.FieldReview;
import dev.lethe.catalog.dataset.FieldStatus;
import dev.lethe.catalog.reference.DatasetReference;
import dev.lethe.catalog.reference.DatasetReferences;
import dev.lethe.catalog.reference.ReferenceDraft;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.Versions;
import dev.lethe.ui.api.WritableBy;
import java.net.URI;
import java.util.List;
import java.util.Locale;
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
 * {@code /api/v1/datasets} (each with its fields; {@code ?systemId=} filters): read by every role;
 * written by ENGINEER, PRIVACY_OFFICER, ADMIN, including the bulk review of discovered fields and the
 * references between datasets.
 */
@WritableBy({Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/datasets")
class DatasetController {

    /** A decision on every DISCOVERED field of a dataset. */
    record ReviewRequest(String decision) {}

    private final Datasets datasets;
    private final FieldReview review;
    private final DatasetReferences references;

    DatasetController(Datasets datasets, FieldReview review, DatasetReferences references) {
        this.datasets = datasets;
        this.review = review;
        this.references = references;
    }

    @GetMapping
    List<DatasetSummary> list(
            Authentication auth,
            @RequestParam(required = false) UUID systemId,
            @RequestParam(required = false) UUID after,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return datasets.list(Caller.tenant(auth), systemId, after, PageRequest.of(offset, limit));
    }

    @GetMapping("/{id}")
    ResponseEntity<Dataset> get(Authentication auth, @PathVariable UUID id) {
        Dataset item = datasets.find(Caller.tenant(auth), id).orElseThrow(() -> new NotFoundException("dataset " + id));
        return Versions.ok(item, item.revision());
    }

    @PostMapping
    ResponseEntity<Dataset> create(Authentication auth, @RequestBody DatasetDraft draft) {
        Dataset item = datasets.create(Caller.editor(auth, Caller.DATA_MAP_WRITERS), draft);
        return Versions.created(URI.create("/api/v1/datasets/" + item.id()), item, item.revision());
    }

    @PutMapping("/{id}")
    ResponseEntity<Dataset> update(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody DatasetDraft draft) {
        Dataset item =
                datasets.update(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, Versions.ifMatch(ifMatch), draft);
        return Versions.ok(item, item.revision());
    }

    /**
     * Confirms ({@code "CONFIRM"}) or rejects ({@code "REJECT"}) every DISCOVERED field of the dataset in
     * one call, with If-Match on the dataset; answers the dataset with its new ETag.
     */
    @PostMapping("/{id}/fields/review")
    ResponseEntity<Dataset> review(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody ReviewRequest request) {
        var editor = Caller.editor(auth, Caller.DATA_MAP_WRITERS);
        FieldStatus decision = switch (request.decision() == null
                ? ""
                : request.decision().strip().toUpperCase(Locale.ROOT)) {
            case "CONFIRM", "CONFIRMED" -> FieldStatus.CONFIRMED;
            case "REJECT", "REJECTED" -> FieldStatus.REJECTED;
            default -> throw new InvalidInputException("decision is CONFIRM or REJECT");
        };
        review.review(editor, id, Versions.ifMatch(ifMatch), decision);
        Dataset item = datasets.find(editor.tenantId(), id).orElseThrow(() -> new NotFoundException("dataset " + id));
        return Versions.ok(item, item.revision());
    }

    /** The references from and to the dataset (foreign keys discovery found, and those people added). */
    @GetMapping("/{id}/references")
    List<DatasetReference> references(Authentication auth, @PathVariable UUID id) {
        UUID tenant = Caller.tenant(auth);
        datasets.find(tenant, id).orElseThrow(() -> new NotFoundException("dataset " + id));
        return references.ofDataset(tenant, id);
    }

    /** Adds a MANUAL reference from this dataset's fields to another dataset of the same system. */
    @PostMapping("/{id}/references")
    ResponseEntity<DatasetReference> addReference(
            Authentication auth, @PathVariable UUID id, @RequestBody ReferenceDraft draft) {
        DatasetReference reference = references.add(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, draft);
        return Versions.created(
                URI.create("/api/v1/datasets/" + id + "/references/" + reference.id()),
                reference,
                reference.revision());
    }

    @DeleteMapping("/{id}/references/{referenceId}")
    ResponseEntity<Void> removeReference(
            Authentication auth,
            @PathVariable UUID id,
            @PathVariable UUID referenceId,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        references.remove(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, referenceId, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        datasets.delete(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
