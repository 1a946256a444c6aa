package dev.lethe.app.catalog.api;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.DatasetDraft;
import dev.lethe.catalog.dataset.DatasetSummary;
import dev.lethe.catalog.dataset.Datasets;
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

/** {@code /api/v1/datasets} (each with its fields; {@code ?systemId=} filters): read by every role; written by ENGINEER, PRIVACY_OFFICER, ADMIN. */
@WritableBy({Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/datasets")
class DatasetController {

    private final Datasets datasets;

    DatasetController(Datasets datasets) {
        this.datasets = datasets;
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

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        datasets.delete(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
