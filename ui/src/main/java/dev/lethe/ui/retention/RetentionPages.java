package dev.lethe.ui.retention;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.WebPage;
import dev.lethe.workflows.retention.RetentionControl;
import dev.lethe.workflows.retention.RetentionRun;
import dev.lethe.workflows.retention.RetentionRuns;
import dev.lethe.workflows.retention.RunInProgressException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The retention page: policies and legal holds (every role reads them, as the API), recent runs and the
 * daily schedule (not for engineers: the API keeps runs from them too); a run started by hand and the
 * schedule set by privacy officers and admins. Policies and holds are edited by {@link RetentionPolicyPages}
 * and {@link LegalHoldPages}.
 */
@Controller
@WebPage
@PageAccess(
        read = {Role.ADMIN, Role.PRIVACY_OFFICER, Role.ENGINEER, Role.AUDITOR},
        write = {Role.PRIVACY_OFFICER, Role.ADMIN})
class RetentionPages {

    private static final int RECENT_RUNS = 10;

    private final RetentionPolicies policies;
    private final LegalHolds holds;
    private final RetentionRuns runs;
    private final RetentionControl control;
    private final RetentionNames names;

    RetentionPages(
            RetentionPolicies policies,
            LegalHolds holds,
            RetentionRuns runs,
            RetentionControl control,
            RetentionNames names) {
        this.policies = policies;
        this.holds = holds;
        this.runs = runs;
        this.control = control;
        this.names = names;
    }

    @GetMapping("/retention")
    String overview(LetheAuthentication person, Model model) {
        UUID tenant = person.tenantId();
        RetentionNames.Lookup lookup = names.of(tenant);
        Instant now = Instant.now();
        model.addAttribute(
                "policies",
                policies.list(tenant).stream()
                        .map(policy -> PolicyRow.of(policy, lookup))
                        .toList());
        model.addAttribute(
                "holds",
                holds.list(tenant).stream()
                        .map(hold -> HoldRow.of(hold, lookup, now))
                        .toList());
        boolean seesRuns = person.roles().stream().anyMatch(RetentionRunController.READERS::contains);
        model.addAttribute("seesRuns", seesRuns);
        if (seesRuns) {
            model.addAttribute(
                    "runs",
                    runs.list(tenant, null, RECENT_RUNS).stream()
                            .map(run -> RunRow.of(RunView.of(run), lookup))
                            .toList());
            model.addAttribute("schedule", RetentionScheduleController.ScheduleView.of(runs.schedule(tenant), now));
        }
        boolean mayWrite = person.roles().stream().anyMatch(Caller.PRIVACY_WRITERS::contains);
        model.addAttribute("mayWrite", mayWrite);
        if (mayWrite) {
            model.addAttribute("holdSystems", lookup.systemChoices());
            model.addAttribute("holdDatasets", lookup.datasetChoices());
            model.addAttribute("holdCategories", lookup.categoryChoices());
        }
        model.addAttribute("mayPreview", seesRuns);
        return "retention/retention";
    }

    /** One run: per policy, what it did on each system and dataset. */
    @GetMapping("/retention/runs/{id}")
    @PageAccess(read = {Role.ADMIN, Role.PRIVACY_OFFICER, Role.AUDITOR})
    String run(LetheAuthentication person, @PathVariable UUID id, Model model) {
        RetentionRun run =
                runs.find(person.tenantId(), id).orElseThrow(() -> new NotFoundException("retention run " + id));
        model.addAttribute("run", RunRow.of(RunView.of(run), names.of(person.tenantId())));
        return "retention/run";
    }

    /** Runs every enabled policy now, then shows the run. */
    @PostMapping("/retention/run")
    String runNow(LetheAuthentication person, RedirectAttributes redirect) {
        Editor editor = Caller.editor(person, Caller.PRIVACY_WRITERS);
        var running = runs.running(editor.tenantId());
        if (running.isPresent()) {
            return inProgress(running.get(), redirect);
        }
        try {
            RetentionRun run = control.runNow(editor, Set.of());
            redirect.addFlashAttribute("notice", "The retention run has started.");
            return "redirect:/retention/runs/" + run.id();
        } catch (RunInProgressException e) {
            return inProgress(e.runningRunId(), redirect);
        } catch (DuplicateKeyException e) {
            return inProgress(runs.running(editor.tenantId()).orElse(null), redirect);
        }
    }

    private static String inProgress(UUID running, RedirectAttributes redirect) {
        redirect.addFlashAttribute("error", "A retention run is in progress; start another when it has finished.");
        return running == null ? "redirect:/retention" : "redirect:/retention/runs/" + running;
    }

    /** Sets when the daily run starts. */
    @PostMapping("/retention/schedule")
    String schedule(
            LetheAuthentication person,
            @RequestParam(required = false) String runAt,
            @RequestParam(required = false) String zone,
            @RequestParam(required = false) String enabled,
            RedirectAttributes redirect) {
        Editor editor = Caller.editor(person, Caller.PRIVACY_WRITERS);
        try {
            runs.setSchedule(
                    editor,
                    RetentionScheduleController.parse(
                            new RetentionScheduleController.ScheduleBody(runAt, zone, enabled != null)));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/retention#schedule";
        }
        control.scheduleChanged(editor.tenantId());
        redirect.addFlashAttribute("notice", "The schedule is saved.");
        return "redirect:/retention#schedule";
    }
}
