package dev.lethe.ui.catalog;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.flow.DataFlow;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.flow.FlowDraft;
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

/** {@code /api/v1/data-flows}: read by every role; written by ENGINEER, PRIVACY_OFFICER, ADMIN. */
@WritableBy({Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/data-flows")
class FlowController {

    private final DataFlows flows;

    FlowController(DataFlows flows) {
        this.flows = flows;
    }

    @GetMapping
    List<DataFlow> list(Authentication auth) {
        return flows.list(Caller.tenant(auth));
    }

    @GetMapping("/{id}")
    ResponseEntity<DataFlow> get(Authentication auth, @PathVariable UUID id) {
        DataFlow item = flows.find(Caller.tenant(auth), id).orElseThrow(() -> new NotFoundException("flow " + id));
        return Versions.ok(item, item.revision());
    }

    @PostMapping
    ResponseEntity<DataFlow> create(Authentication auth, @RequestBody FlowDraft draft) {
        DataFlow item = flows.create(Caller.editor(auth, Caller.DATA_MAP_WRITERS), draft);
        return Versions.created(URI.create("/api/v1/data-flows/" + item.id()), item, item.revision());
    }

    @PutMapping("/{id}")
    ResponseEntity<DataFlow> update(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody FlowDraft draft) {
        DataFlow item =
                flows.update(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, Versions.ifMatch(ifMatch), draft);
        return Versions.ok(item, item.revision());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        flows.delete(Caller.editor(auth, Caller.DATA_MAP_WRITERS), id, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
