package dev.lethe.ui.catalog;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.processing.ActivityDraft;
import dev.lethe.catalog.processing.ProcessingActivities;
import dev.lethe.catalog.processing.ProcessingActivity;
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

/** {@code /api/v1/processing-activities}: read by every role; written by PRIVACY_OFFICER, ADMIN. */
@WritableBy({Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/processing-activities")
class ActivityController {

    private final ProcessingActivities activities;

    ActivityController(ProcessingActivities activities) {
        this.activities = activities;
    }

    @GetMapping
    List<ProcessingActivity> list(Authentication auth) {
        return activities.list(Caller.tenant(auth));
    }

    @GetMapping("/{id}")
    ResponseEntity<ProcessingActivity> get(Authentication auth, @PathVariable UUID id) {
        ProcessingActivity item =
                activities.find(Caller.tenant(auth), id).orElseThrow(() -> new NotFoundException("activity " + id));
        return Versions.ok(item, item.revision());
    }

    @PostMapping
    ResponseEntity<ProcessingActivity> create(Authentication auth, @RequestBody ActivityDraft draft) {
        ProcessingActivity item = activities.create(Caller.editor(auth, Caller.PRIVACY_WRITERS), draft);
        return Versions.created(URI.create("/api/v1/processing-activities/" + item.id()), item, item.revision());
    }

    @PutMapping("/{id}")
    ResponseEntity<ProcessingActivity> update(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody ActivityDraft draft) {
        ProcessingActivity item =
                activities.update(Caller.editor(auth, Caller.PRIVACY_WRITERS), id, Versions.ifMatch(ifMatch), draft);
        return Versions.ok(item, item.revision());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            Authentication auth,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        activities.delete(Caller.editor(auth, Caller.PRIVACY_WRITERS), id, Versions.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
