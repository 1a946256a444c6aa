package dev.lethe.ui.portal;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.ui.shell.OpenPage;
import dev.lethe.ui.shell.WebPage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The magic link of the code mail ({@code /privacy/{tenant}/verify/{token}/link/{secret}}). Opening it (GET)
 * changes nothing: mail scanners and link previews open links in mails, and must not confirm a request for
 * someone. The page shows a button that POSTs (with the CSRF token of the page), and that verifies the request
 * as the right code would. A link works once, and only while the code mailed with it does. See docs/portal.md.
 */
@Controller
@WebPage
@OpenPage
@RequestMapping("/privacy/{tenant}/verify/{token}/link/{secret}")
class PortalLinkController {

    private final PortalRequests requests;
    private final PortalProperties properties;
    private final RateLimits limits;
    private final MeterRegistry meters;
    private final PortalGuard guard;

    PortalLinkController(
            PortalRequests requests,
            PortalProperties properties,
            RateLimits limits,
            MeterRegistry meters,
            PortalGuard guard) {
        this.requests = requests;
        this.properties = properties;
        this.limits = limits;
        this.meters = meters;
        this.guard = guard;
    }

    @GetMapping
    String page(
            @PathVariable("tenant") String slug,
            @PathVariable String token,
            @PathVariable String secret,
            HttpServletRequest http,
            HttpServletResponse response,
            Model model) {
        Tenant tenant = tenant(slug);
        PortalRequests.LinkState state =
                requests.linkState(tenant, token, secret).orElseThrow(PortalController.NotFound::new);
        if (state != PortalRequests.LinkState.USABLE) {
            response.setStatus(410);
        }
        return page(tenant, token, secret, state, http, model);
    }

    @PostMapping
    String confirm(
            @PathVariable("tenant") String slug,
            @PathVariable String token,
            @PathVariable String secret,
            HttpServletRequest http,
            HttpServletResponse response,
            Model model) {
        Tenant tenant = tenant(slug);
        requests.linkState(tenant, token, secret).orElseThrow(PortalController.NotFound::new);
        PortalProperties.Limits limit = guard.limits(tenant);
        limits.take("try-address", http.getRemoteAddr(), limit.codeAttemptsPerAddress(), limit.window());
        String statusUrl = PortalShell.baseUrl(properties) + "/privacy/" + tenant.slug() + "/status/" + token;
        PortalRequests.Verification outcome = requests.verifyLink(
                tenant,
                token,
                secret,
                RequestContextUtils.getLocale(http),
                statusUrl,
                PortalShell.organisation(tenant, properties));
        meters.counter("lethe.portal.links", "outcome", outcome.name()).increment();
        if (outcome == PortalRequests.Verification.VERIFIED) {
            return "redirect:/privacy/" + tenant.slug() + "/status/" + token;
        }
        response.setStatus(410);
        PortalRequests.LinkState state = requests.linkState(tenant, token, secret)
                .filter(PortalRequests.LinkState.CONFIRMED::equals)
                .orElse(PortalRequests.LinkState.DEAD);
        return page(tenant, token, secret, state, http, model);
    }

    private String page(
            Tenant tenant,
            String token,
            String secret,
            PortalRequests.LinkState state,
            HttpServletRequest http,
            Model model) {
        return page(tenant, token, secret, state, false, properties, http, model);
    }

    /**
     * The page of a magic link, the verification's or ({@code download}) the download's: in state {@code USABLE}
     * a button that POSTs to the link's own address, else why the link does not work.
     */
    static String page(
            Tenant tenant,
            String token,
            String secret,
            PortalRequests.LinkState state,
            boolean download,
            PortalProperties properties,
            HttpServletRequest http,
            Model model) {
        PortalShell.fill(tenant, properties, http, model);
        model.addAttribute("token", token);
        model.addAttribute("secret", secret);
        model.addAttribute("state", state.name());
        model.addAttribute("download", download);
        model.addAttribute("minutes", properties.codeValidity().toMinutes());
        return "portal/link";
    }

    private Tenant tenant(String slug) {
        return requests.tenant(slug).orElseThrow(PortalController.NotFound::new);
    }
}
