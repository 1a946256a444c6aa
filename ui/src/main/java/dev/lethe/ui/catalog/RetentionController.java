package dev.lethe.ui.catalog;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.retention.RetentionDraft;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.retention.RetentionPolicy;
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
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/retention-policies}: read by every role; written by PRIVACY_OFFICER, ADMIN. */
@WritableBy({Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/retention-policies")
class RetentionController {

    private final RetentionPolicies policies;

    RetentionController(RetentionPolicies policies) {
        this.policies = policies;
    }

    @GetMapping
    List<RetentionPolicy> list(Authentication auth) {
        return policies.list(Caller.tenant(auth));
    }

    @GetMapping("/{id}")
    ResponseEntity<RetentionPolicy> get(Authentication auth, @PathVariable UUID id) {
        RetentionPolicy item = policies.find(Caller.tenant(auth), id)
                .orElseThrow(() -> new NotFoundException("retention policy " + id));
        return Versions.ok(item, item.revision());
    }

    @PostMapping
    ResponseEntity<RetentionPolicy> create(Authentication auth, @RequestBody RetentionDraft draft) {
        RetentionPolicy item = policies.create(Caller.editor(auth, Caller.PRIVACY_WRITERS), draft);
        return Versions.created(URI.create("/api/v1/retention-policies/" + item.id()), item, item.revision());
    }

    @PutMapping("/{id}")
    ResponseEntity<RetentionPolicy> update(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody RetentionDraft draft) {
        RetentionPolicy item =
                policies.update(Caller.editor(auth, Caller.PRIVACY_WRITERS), id, Versions.ifMatch(ifMatch), draft);
        return Versions.ok(item, item.revision());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        policies.delete(Caller.editor(auth, Caller.PRIVACY_WRITERS), id, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
