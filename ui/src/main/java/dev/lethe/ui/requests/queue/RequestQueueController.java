package dev.lethe.ui.requests.queue;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.WebPage;
import java.time.Clock;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /requests}: the privacy officers' queue of data-subject requests, filtered and ordered by
 * GET parameters (so a view can be bookmarked and shared), soonest due first. Without JavaScript the
 * filter form reloads the page; with htmx it swaps only the results ({@code requests/queue :: results})
 * and pushes the address. The queue searches by a request's reference only: a subject's identity would
 * put personal data into the URL, server logs and browser history.
 */
@Controller
@WebPage
@PageAccess(read = {Role.PRIVACY_OFFICER, Role.ADMIN, Role.AUDITOR})
class RequestQueueController {

    private final RequestQueue queue;
    private final Clock clock = Clock.systemUTC();

    RequestQueueController(RequestQueue queue) {
        this.queue = queue;
    }

    @GetMapping("/requests")
    String queue(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String due,
            @RequestParam(name = "q", required = false) String reference,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "1") String page,
            @RequestParam(defaultValue = "" + QueueFilter.DEFAULT_SIZE) String size,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
            Model model) {
        LetheAuthentication person =
                (LetheAuthentication) SecurityContextHolder.getContext().getAuthentication();
        QueueFilter filter = QueueFilter.of(
                type, status, due, reference, sort, number(page, 1), number(size, QueueFilter.DEFAULT_SIZE));
        model.addAttribute("filter", filter);
        model.addAttribute("result", queue.list(person.tenantId(), filter, clock.instant()));
        model.addAttribute("labels", RequestLabels.INSTANCE);
        // htmx asks for the results only; a history restore (cache miss) needs the whole page.
        return htmx != null && historyRestore == null ? "requests/queue :: results" : "requests/queue";
    }

    /** A page number as typed into the address bar: anything but a whole number counts as the default. */
    private static int number(String value, int fallback) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
