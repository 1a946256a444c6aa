package dev.lethe.ui.portal;

import dev.lethe.ui.limits.RateLimitExceeded;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The problem pages of the portal's controllers: 404 for an unknown tenant or token, 429 with {@code Retry-After} when a limit is reached, 503
 * when no mail can be sent. Same pages, same statuses, whatever the identity.
 */
@ControllerAdvice(
        assignableTypes = {PortalController.class, PortalDownloadController.class, PortalLinkController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalProblems {

    private final PortalRequests requests;
    private final PortalProperties properties;
    private final MeterRegistry meters;

    PortalProblems(PortalRequests requests, PortalProperties properties, MeterRegistry meters) {
        this.requests = requests;
        this.properties = properties;
        this.meters = meters;
    }

    @ExceptionHandler(RateLimitExceeded.class)
    String limited(RateLimitExceeded e, HttpServletRequest http, HttpServletResponse response, Model model) {
        meters.counter("lethe.portal.limited", "bucket", e.kind()).increment();
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        model.addAttribute("retryAfter", e.retryAfterSeconds());
        return problem(http, model, "portal/limited");
    }

    @ExceptionHandler(PortalMail.Unavailable.class)
    String mailUnavailable(HttpServletRequest http, HttpServletResponse response, Model model) {
        response.setStatus(503);
        return problem(http, model, "portal/unavailable");
    }

    @ExceptionHandler(PortalController.NotFound.class)
    String notFound(HttpServletRequest http, HttpServletResponse response, Model model) {
        response.setStatus(404);
        return problem(http, model, "portal/not-found");
    }

    /** The tenant's shell when the path names one, a plain one otherwise. */
    private String problem(HttpServletRequest http, Model model, String view) {
        String[] segments = http.getRequestURI().split("/");
        String slug = segments.length > 2 ? segments[2] : "";
        requests.tenant(slug).ifPresentOrElse(tenant -> PortalShell.fill(tenant, properties, http, model), () -> {
            model.addAttribute("organisation", "");
            model.addAttribute("page", properties.page());
            model.addAttribute("selfPath", http.getRequestURI());
            model.addAttribute("lang", RequestContextUtils.getLocale(http).getLanguage());
            model.addAttribute("languages", PortalLanguages.SUPPORTED);
        });
        return view;
    }
}
