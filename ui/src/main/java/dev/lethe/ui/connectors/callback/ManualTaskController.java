package dev.lethe.ui.connectors.callback;

import dev.lethe.ui.api.Caller;
import dev.lethe.workflows.steps.RequestOperations;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/manual-tasks}: the steps of manual connections that wait for a person. Listed by
 * every role; completed, with a note, by PRIVACY_OFFICER or ADMIN (audited), also from the request that
 * waits for one ({@code /api/v1/requests/{request}/tasks/{id}/complete}).
 */
@RestController
class ManualTaskController {

    private final ManualTasks tasks;

    ManualTaskController(ManualTasks tasks) {
        this.tasks = tasks;
    }

    /** What a person confirms: what they did. */
    record Completion(String note) {}

    @GetMapping("/api/v1/manual-tasks")
    List<ManualTasks.ManualTask> list(Authentication auth, @RequestParam(defaultValue = "open") String status) {
        return switch (status) {
            case "open" -> tasks.list(Caller.tenant(auth), true);
            case "completed" -> tasks.list(Caller.tenant(auth), false);
            default -> throw PendingProblem.invalidNote("status is open or completed");
        };
    }

    @PostMapping("/api/v1/manual-tasks/{id}/complete")
    ManualTasks.ManualTask complete(Authentication auth, @PathVariable UUID id, @RequestBody Completion completion) {
        return tasks.complete(Caller.editor(auth, Caller.PRIVACY_WRITERS), id, completion.note());
    }

    /** The same, from a request: only a task that request waits for. */
    @PostMapping("/api/v1/requests/{request}/tasks/{id}/complete")
    ManualTasks.ManualTask completeForRequest(
            Authentication auth,
            @PathVariable UUID request,
            @PathVariable UUID id,
            @RequestBody Completion completion) {
        return tasks.complete(
                Caller.editor(auth, Caller.PRIVACY_WRITERS),
                id,
                completion.note(),
                RequestOperations.operationId(request));
    }
}
