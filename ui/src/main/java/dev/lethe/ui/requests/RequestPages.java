package dev.lethe.ui.requests;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.portal.PortalAgents;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.WebPage;
import dev.lethe.workflows.request.Deadlines;
import dev.lethe.workflows.request.RequestManagement;
import dev.lethe.workflows.request.RequestType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The privacy officer's pages of one request: the form to enter one on a subject's behalf ({@code
 * /requests/new}), the request's page ({@code /requests/{id}}) and its live progress, an htmx fragment
 * the page polls every two seconds until the request is finished. The page's actions are in {@link
 * RequestPageActions}. Read by officers, admins and auditors; the form only by officers and admins.
 */
@Controller
@WebPage
@PageAccess(
        read = {Role.PRIVACY_OFFICER, Role.ADMIN, Role.AUDITOR},
        write = {Role.PRIVACY_OFFICER, Role.ADMIN})
class RequestPages {

    private final RequestManagement requests;
    private final RequestPageModel pages;
    private final Deadlines deadlines;
    private final PortalAgents agents;

    RequestPages(RequestManagement requests, RequestPageModel pages, Deadlines deadlines, PortalAgents agents) {
        this.requests = requests;
        this.pages = pages;
        this.deadlines = deadlines;
        this.agents = agents;
    }

    @GetMapping("/requests/new")
    @PageAccess(read = {Role.PRIVACY_OFFICER, Role.ADMIN})
    String newRequest(Model model) {
        return form(model, RequestForm.blank(), Map.of(), null);
    }

    @PostMapping("/requests/new")
    String file(Authentication auth, @ModelAttribute RequestForm form, Model model) {
        Editor officer = Caller.editor(auth, Caller.PRIVACY_WRITERS);
        RequestForm.Checked checked = form.check(deadlines.regulations().keySet());
        if (!checked.errors().isEmpty()) {
            return form(model, form, checked.errors(), "The request was not entered: correct the fields marked below.");
        }
        try {
            return "redirect:/requests/"
                    + requests.file(officer, checked.request(), form.note()).id() + "?filed";
        } catch (InvalidInputException e) {
            return form(model, form, Map.of(), "The request was not entered: " + e.getMessage());
        }
    }

    @GetMapping("/requests/{id}")
    String page(Authentication auth, @PathVariable UUID id, @RequestParam(required = false) String filed, Model model) {
        if (filed != null && !model.containsAttribute("notice")) {
            model.addAttribute("notice", "The request was entered. Lethe is finding the subject in every system.");
        }
        return show(auth, id, model, true, "requests/detail");
    }

    /** The live part of the page: status, systems, tasks, evidence; polled while the request is open. */
    @GetMapping("/requests/{id}/progress")
    String progress(Authentication auth, @PathVariable UUID id, Model model) {
        return show(auth, id, model, false, "requests/detail :: progress");
    }

    private String show(Authentication auth, UUID id, Model model, boolean withHistory, String view) {
        Editor viewer = Caller.editor(auth, RequestController.READERS);
        model.addAttribute("page", pages.page(viewer.tenantId(), id, viewer.by(), withHistory));
        boolean canWrite = canWrite(auth);
        model.addAttribute("canWrite", canWrite);
        if (withHistory && canWrite) {
            // The agent's name and authority are for the officer who checks them, not for auditors.
            agents.of(viewer.tenantId(), id).ifPresent(agent -> model.addAttribute("agent", agent));
        }
        return view;
    }

    static boolean canWrite(Authentication auth) {
        try {
            Caller.editor(auth, Caller.PRIVACY_WRITERS);
            return true;
        } catch (Caller.ForbiddenException e) {
            return false;
        }
    }

    private String form(Model model, RequestForm form, Map<String, String> errors, String error) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("error", error);
        model.addAttribute("types", List.of(RequestType.values()));
        model.addAttribute("regulations", deadlines.regulations().keySet());
        model.addAttribute("channels", List.of("EMAIL", "API"));
        return "requests/new";
    }
}
