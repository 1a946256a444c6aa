package dev.lethe.ui.retention;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.WritableBy;
import dev.lethe.workflows.retention.RetentionControl;
import dev.lethe.workflows.retention.RetentionRun;
import dev.lethe.workflows.retention.RetentionRuns;
import dev.lethe.workflows.retention.RunInProgressException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
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
 * {@code /api/v1/retention/runs}: what retention runs did, newest first, read by PRIVACY_OFFICER, ADMIN
 * and AUDITOR; a run started by hand by PRIVACY_OFFICER and ADMIN. See docs/api.md#retention-runs.
 */
@WritableBy({Role.PRIVACY_OFFICER, Role.ADMIN})
@RestController
@RequestMapping("/api/v1/retention/runs")
class RetentionRunController {

    static final Set<Role> READERS = Set.of(Role.PRIVACY_OFFICER, Role.ADMIN, Role.AUDITOR);

    /** Which policies to run now; none (or no body): every active policy. */
    record RunBody(List<UUID> policyIds) {}

    private final RetentionRuns runs;
    private final RetentionControl control;
    private final RetentionPolicies policies;

    RetentionRunController(RetentionRuns runs, RetentionControl control, RetentionPolicies policies) {
        this.runs = runs;
        this.control = control;
        this.policies = policies;
    }

    /**
     * A page of runs, newest first.
     *
     * @param after the last run of the previous page
     */
    @GetMapping
    List<RunView> list(
            Authentication auth,
            @RequestParam(required = false) UUID after,
            @RequestParam(defaultValue = "20") int limit) {
        UUID tenant = Caller.editor(auth, READERS).tenantId();
        return runs.list(tenant, after, limit).stream().map(RunView::of).toList();
    }

    @GetMapping("/{id}")
    RunView get(Authentication auth, @PathVariable UUID id) {
        UUID tenant = Caller.editor(auth, READERS).tenantId();
        return RunView.of(runs.find(tenant, id).orElseThrow(() -> new NotFoundException("retention run " + id)));
    }

    /**
     * Starts a run now (202: it continues in the background; follow it at its location). 409 while
     * another run of the tenant runs.
     */
    @PostMapping
    ResponseEntity<RunView> runNow(Authentication auth, @RequestBody(required = false) RunBody body) {
        Editor editor = Caller.editor(auth, Caller.PRIVACY_WRITERS);
        Set<UUID> policyIds = policyIds(editor.tenantId(), body);
        // Refused here with the running run's id; PostgreSQL refuses a second one in a race all the same.
        runs.running(editor.tenantId()).ifPresent(running -> {
            throw new RunInProgressException(running);
        });
        RetentionRun run;
        try {
            run = control.runNow(editor, policyIds);
        } catch (DuplicateKeyException e) {
            throw new RunInProgressException(runs.running(editor.tenantId()).orElse(null));
        }
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/retention/runs/" + run.id()))
                .body(RunView.of(run));
    }

    private Set<UUID> policyIds(UUID tenant, RunBody body) {
        if (body == null || body.policyIds() == null) {
            return Set.of();
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (UUID id : body.policyIds()) {
            if (id == null) {
                throw new InvalidInputException("policyIds must not hold null");
            }
            if (policies.find(tenant, id).isEmpty()) {
                throw new InvalidInputException("policyIds: there is no retention policy " + id);
            }
            ids.add(id);
        }
        return Set.copyOf(ids);
    }
}
