package dev.lethe.ui.catalog;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.system.DataSystem;
import dev.lethe.catalog.system.DataSystems;
import dev.lethe.catalog.system.SystemDraft;
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

/** {@code /api/v1/systems}: read by every role; written by ENGINEER, PRIVACY_OFFICER, ADMIN. */
@WritableBy({Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/systems")
class SystemController {

    private final DataSystems systems;

    SystemController(DataSystems systems) {
        this.systems = systems;
    }

    @GetMapping
    List<DataSystem> list(
            Authentication auth,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return systems.list(Caller.tenant(auth), PageRequest.of(offset, limit));
    }

    @GetMapping("/{id}")
    ResponseEntity<DataSystem> get(Authentication auth, @PathVariable UUID id) {
        DataSystem system =
                systems.find(Caller.tenant(auth), id).orElseThrow(() -> new NotFoundException("system " + id));
        return Versions.ok(system, system.revision());
    }

    @PostMapping
    ResponseEntity<DataSystem> create(Authentication auth, @RequestBody SystemDraft draft) {
        DataSystem system = systems.create(Caller.editor(auth, Caller.DATA_MAP_WRITERS), draft);
        return Versions.created(URI.create("/api/v1/systems/" + system.id()), system, system.revision());
    }

    @PutMapping("/{id}")
    ResponseEntity<DataSystem> update(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody SystemDraft draft) {
        DataSystem system =
                systems.update(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, Versions.ifMatch(ifMatch), draft);
        return Versions.ok(system, system.revision());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        systems.delete(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
