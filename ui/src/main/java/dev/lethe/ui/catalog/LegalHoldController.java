package dev.lethe.ui.catalog;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.Versions;
import dev.lethe.ui.api.WritableBy;
import dev.lethe.vault.Vault;
import dev.lethe.workflows.request.IdentityHashes;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/legal-holds}: read by every role; placed, changed and released by
 * PRIVACY_OFFICER, ADMIN. Holds are released ({@code POST /{id}/release}), never deleted. A hold on a
 * data subject takes their identities and keeps only the vault's keyed hashes of them.
 */
@WritableBy({Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/legal-holds")
class LegalHoldController {

    private final LegalHolds holds;
    private final IdentityHashes hashes;

    LegalHoldController(LegalHolds holds, Vault vault) {
        this.holds = holds;
        this.hashes = new IdentityHashes(vault);
    }

    @GetMapping
    List<LegalHold> list(Authentication auth) {
        return holds.list(Caller.tenant(auth));
    }

    @GetMapping("/{id}")
    ResponseEntity<LegalHold> get(Authentication auth, @PathVariable UUID id) {
        LegalHold hold =
                holds.find(Caller.tenant(auth), id).orElseThrow(() -> new NotFoundException("legal hold " + id));
        return Versions.ok(hold, hold.revision());
    }

    @PostMapping
    ResponseEntity<LegalHold> place(Authentication auth, @RequestBody HoldRequest request) {
        Editor editor = Caller.editor(auth, Caller.PRIVACY_WRITERS);
        LegalHold hold = holds.place(editor, request.toDraft(editor.tenantId(), hashes));
        return Versions.created(URI.create("/api/v1/legal-holds/" + hold.id()), hold, hold.revision());
    }

    @PutMapping("/{id}")
    ResponseEntity<LegalHold> update(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody HoldRequest request) {
        Editor editor = Caller.editor(auth, Caller.PRIVACY_WRITERS);
        LegalHold hold =
                holds.update(editor, id, Versions.ifMatch(ifMatch), request.toDraft(editor.tenantId(), hashes));
        return Versions.ok(hold, hold.revision());
    }

    @PostMapping("/{id}/release")
    ResponseEntity<LegalHold> release(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        LegalHold hold = holds.release(Caller.editor(auth, Caller.PRIVACY_WRITERS), id, Versions.ifMatch(ifMatch));
        return Versions.ok(hold, hold.revision());
    }
}
