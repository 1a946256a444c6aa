package dev.lethe.ui.retention;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.change.VersionConflictException;
import dev.lethe.catalog.retention.AnonymizeWith;
import dev.lethe.catalog.retention.ClockKind;
import dev.lethe.catalog.retention.RetentionAction;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.retention.RetentionPolicy;
import dev.lethe.catalog.taxonomy.LegalBasis;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.WebPage;
import dev.lethe.workflows.retention.RetentionPreviews;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Retention policies' form (create, edit, delete), for privacy officers and admins, and a policy's
 * preview (what it would purge now, per system and dataset), which auditors may ask for too: it writes
 * nothing, as the API's preview.
 */
@Controller
@WebPage
@PageAccess(
        read = {Role.PRIVACY_OFFICER, Role.ADMIN},
        write = {Role.PRIVACY_OFFICER, Role.ADMIN})
class RetentionPolicyPages {

    private static final Set<Role> PREVIEWERS = Set.of(Role.PRIVACY_OFFICER, Role.ADMIN, Role.AUDITOR);

    private final RetentionPolicies policies;
    private final RetentionPreviews previews;
    private final RetentionNames names;

    RetentionPolicyPages(RetentionPolicies policies, RetentionPreviews previews, RetentionNames names) {
        this.policies = policies;
        this.previews = previews;
        this.names = names;
    }

    @GetMapping("/retention/policies/new")
    String newPolicy(LetheAuthentication person, Model model) {
        return form(person, model, null, PolicyForm.blank(), null);
    }

    @GetMapping("/retention/policies/{id}/edit")
    String edit(LetheAuthentication person, @PathVariable UUID id, Model model) {
        RetentionPolicy policy = find(person, id);
        return form(person, model, policy.id(), PolicyForm.of(policy), null);
    }

    @PostMapping("/retention/policies")
    String create(
            LetheAuthentication person,
            @ModelAttribute PolicyForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Editor editor = Caller.editor(person, Caller.PRIVACY_WRITERS);
        try {
            RetentionPolicy created = policies.create(editor, form.toDraft(null));
            redirect.addFlashAttribute("notice", "The policy “" + created.name() + "” is saved.");
            return "redirect:/retention";
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(person, model, null, form, e.getMessage());
        }
    }

    @PostMapping("/retention/policies/{id}")
    String update(
            LetheAuthentication person,
            @PathVariable UUID id,
            @ModelAttribute PolicyForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Editor editor = Caller.editor(person, Caller.PRIVACY_WRITERS);
        RetentionPolicy policy = find(person, id);
        try {
            int version = form.version() == null ? policy.revision().version() : form.version();
            RetentionPolicy updated = policies.update(editor, id, version, form.toDraft(policy.schedule()));
            redirect.addFlashAttribute("notice", "The policy “" + updated.name() + "” is saved.");
            return "redirect:/retention";
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(person, model, id, form, e.getMessage());
        } catch (VersionConflictException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return form(
                    person,
                    model,
                    id,
                    PolicyForm.of(find(person, id)),
                    "Someone changed this policy while you edited it. Here is their version; make your change again.");
        }
    }

    @PostMapping("/retention/policies/{id}/delete")
    String delete(
            LetheAuthentication person,
            @PathVariable UUID id,
            @RequestParam(required = false) Integer version,
            RedirectAttributes redirect) {
        Editor editor = Caller.editor(person, Caller.PRIVACY_WRITERS);
        RetentionPolicy policy = find(person, id);
        try {
            policies.delete(editor, id, version == null ? policy.revision().version() : version);
            redirect.addFlashAttribute("notice", "The policy “" + policy.name() + "” is deleted.");
            return "redirect:/retention";
        } catch (VersionConflictException | ConflictException e) {
            redirect.addFlashAttribute("error", "The policy was not deleted: " + e.getMessage());
            return "redirect:/retention/policies/" + id + "/edit";
        }
    }

    /** What the policy would purge now: a fragment for the retention page's preview panel. */
    @PostMapping("/retention/policies/{id}/preview")
    @PageAccess(
            read = {Role.PRIVACY_OFFICER, Role.ADMIN, Role.AUDITOR},
            write = {Role.PRIVACY_OFFICER, Role.ADMIN, Role.AUDITOR})
    String preview(LetheAuthentication person, @PathVariable UUID id, Model model) {
        UUID tenant = Caller.editor(person, PREVIEWERS).tenantId();
        RetentionPolicy policy = find(person, id);
        model.addAttribute("policy", policy);
        model.addAttribute("preview", previews.preview(tenant, id));
        return "retention/retention :: preview";
    }

    private RetentionPolicy find(LetheAuthentication person, UUID id) {
        return policies.find(person.tenantId(), id).orElseThrow(() -> new NotFoundException("retention policy " + id));
    }

    private String form(LetheAuthentication person, Model model, UUID id, PolicyForm form, String error) {
        RetentionNames.Lookup lookup = names.of(person.tenantId());
        model.addAttribute("policyId", id);
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("datasets", lookup.datasetChoices());
        model.addAttribute("categories", lookup.categoryChoices());
        model.addAttribute("clockKinds", ClockKind.values());
        model.addAttribute("actions", RetentionAction.values());
        model.addAttribute("anonymizeWith", AnonymizeWith.values());
        model.addAttribute("legalBases", LegalBasis.values());
        return "retention/policy";
    }
}
