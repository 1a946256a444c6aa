package dev.lethe.ui.requests;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.ConflictException;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.connectors.callback.ManualTasks;
import dev.lethe.ui.connectors.callback.PendingProblem;
import dev.lethe.ui.portal.PortalAgents;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.WebPage;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.packages.StoredPackage;
import dev.lethe.workflows.receipt.Receipts;
import dev.lethe.workflows.receipt.SignedReceipt;
import dev.lethe.workflows.request.RequestManagement;
import dev.lethe.workflows.steps.RequestOperations;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What an officer does on a request's page: approve, deny, extend; retry or skip a system; confirm a
 * manual task; download the package; and the receipt for anyone who reads the page. Each action calls
 * the domain as the API does; what the domain refuses (the request's state, four-eyes, a missing
 * reason) comes back as a plain message on the page. An action posted by htmx from the live progress
 * answers with that fragment; a plain form post is redirected back to the page.
 */
@Controller
@WebPage
@PageAccess(
        read = {Role.PRIVACY_OFFICER, Role.ADMIN, Role.AUDITOR},
        write = {Role.PRIVACY_OFFICER, Role.ADMIN})
class RequestPageActions {

    private final RequestManagement requests;
    private final ManualTasks tasks;
    private final RequestPackages packages;
    private final Receipts receipts;
    private final RequestPageModel pages;
    private final PortalAgents agents;

    RequestPageActions(
            RequestManagement requests,
            ManualTasks tasks,
            RequestPackages packages,
            Receipts receipts,
            RequestPageModel pages,
            PortalAgents agents) {
        this.requests = requests;
        this.tasks = tasks;
        this.packages = packages;
        this.receipts = receipts;
        this.pages = pages;
        this.agents = agents;
    }

    @PostMapping("/requests/{id}/approve")
    String approve(
            Authentication auth,
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        return act(id, flash, "The request is approved.", officer -> requests.approve(officer, id, reason), auth);
    }

    @PostMapping("/requests/{id}/deny")
    String deny(
            Authentication auth,
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        if (reason == null || reason.isBlank()) {
            flash.addFlashAttribute("error", "Give the reason for denying the request: the subject is told it.");
            return back(id);
        }
        return act(id, flash, "The request is denied.", officer -> requests.deny(officer, id, reason), auth);
    }

    @PostMapping("/requests/{id}/extend")
    String extend(
            Authentication auth,
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            RedirectAttributes flash) {
        if (reason == null || reason.isBlank()) {
            flash.addFlashAttribute("error", "Give the reason for extending the deadline.");
            return back(id);
        }
        return act(id, flash, "The deadline is extended.", officer -> requests.extend(officer, id, reason), auth);
    }

    @PostMapping("/requests/{id}/systems/{systemId}/retry")
    String retry(
            Authentication auth,
            @PathVariable UUID id,
            @PathVariable UUID systemId,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes flash) {
        return live(
                auth,
                id,
                htmx,
                model,
                flash,
                "The system is run again.",
                officer -> requests.retrySystem(officer, id, systemId));
    }

    @PostMapping("/requests/{id}/systems/{systemId}/skip")
    String skip(
            Authentication auth,
            @PathVariable UUID id,
            @PathVariable UUID systemId,
            @RequestParam(required = false) String reason,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes flash) {
        return live(
                auth,
                id,
                htmx,
                model,
                flash,
                "The system is skipped.",
                officer -> requests.skipSystem(officer, id, systemId, reason));
    }

    @PostMapping("/requests/{id}/tasks/{taskId}/complete")
    String completeTask(
            Authentication auth,
            @PathVariable UUID id,
            @PathVariable UUID taskId,
            @RequestParam(required = false) String note,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes flash) {
        return live(
                auth,
                id,
                htmx,
                model,
                flash,
                "The task is confirmed.",
                officer -> tasks.complete(officer, taskId, note, RequestOperations.operationId(id)));
    }

    /** The access or export package, as the API streams it; the download is audited. */
    @GetMapping("/requests/{id}/package")
    @PageAccess(read = {Role.PRIVACY_OFFICER, Role.ADMIN})
    ResponseEntity<StreamingResponseBody> download(Authentication auth, @PathVariable UUID id) {
        Editor officer = Caller.editor(auth, Caller.PRIVACY_WRITERS);
        StoredPackage stored = packages.latest(officer.tenantId(), id)
                .orElseThrow(() -> new NotFoundException("package of request " + id));
        var zip = packages.open(stored);
        packages.recordDownload(stored, officer.actor());
        return RequestEvidenceController.zip(stored, zip);
    }

    /**
     * The proof of authority an agent uploaded on the portal, for the officer to check; audited. Sent as an
     * attachment with the type its content was sniffed as, and under a sandbox policy, so that even a file
     * that passed as an image never runs as a page of Lethe's.
     */
    @GetMapping("/requests/{id}/agent-proof")
    @PageAccess(read = {Role.PRIVACY_OFFICER, Role.ADMIN})
    ResponseEntity<byte[]> agentProof(Authentication auth, @PathVariable UUID id) {
        Editor officer = Caller.editor(auth, Caller.PRIVACY_WRITERS);
        PortalAgents.Proof proof = agents.download(officer.tenantId(), id, officer.actor())
                .orElseThrow(() -> new NotFoundException("agent's proof of request " + id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(proof.mediaType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(proof.fileName())
                                .build()
                                .toString())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noStore())
                .body(proof.bytes());
    }

    /** The signed receipt document, for {@code ./lethe receipt verify}. */
    @GetMapping("/requests/{id}/receipt")
    ResponseEntity<String> receipt(Authentication auth, @PathVariable UUID id) {
        Editor reader = Caller.editor(auth, RequestEvidenceController.RECEIPT_READERS);
        SignedReceipt receipt = receipts.find(reader.tenantId(), id)
                .orElseThrow(() -> new NotFoundException("receipt of request " + id));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("receipt-" + id + ".json")
                                .build()
                                .toString())
                .cacheControl(CacheControl.noStore())
                .body(receipt.toDocument());
    }

    private String act(UUID id, RedirectAttributes flash, String done, Consumer<Editor> action, Authentication auth) {
        String error = attempt(auth, action);
        flash.addFlashAttribute(error == null ? "notice" : "error", error == null ? done : error);
        return back(id);
    }

    private String live(
            Authentication auth,
            UUID id,
            String htmx,
            Model model,
            RedirectAttributes flash,
            String done,
            Consumer<Editor> action) {
        String error = attempt(auth, action);
        if (htmx == null) {
            flash.addFlashAttribute(error == null ? "notice" : "error", error == null ? done : error);
            return back(id);
        }
        Editor viewer = Caller.editor(auth, RequestController.READERS);
        model.addAttribute("page", pages.page(viewer.tenantId(), id, viewer.by(), false));
        model.addAttribute("canWrite", true);
        model.addAttribute(error == null ? "progressNotice" : "progressError", error == null ? done : error);
        return "requests/detail :: progress";
    }

    /** Runs the action; answers what the domain refused, as a plain sentence, or null when it was done. */
    private static String attempt(Authentication auth, Consumer<Editor> action) {
        try {
            action.accept(Caller.editor(auth, Caller.PRIVACY_WRITERS));
            return null;
        } catch (ConflictException | InvalidInputException | PendingProblem e) {
            return sentence(e.getMessage());
        } catch (NotFoundException e) {
            return sentence("Not found: " + e.getMessage());
        }
    }

    private static String sentence(String message) {
        String text = message == null || message.isBlank() ? "That was not possible." : message.strip();
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }

    private static String back(UUID id) {
        return "redirect:/requests/" + id;
    }
}
