package dev.lethe.ui.portal;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.ui.shell.OpenPage;
import dev.lethe.ui.shell.WebPage;
import dev.lethe.workflows.packages.StoredPackage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStream;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The download of a completed access or export package on the portal ({@code /privacy/{tenant}/download/{token}},
 * the token of the status page): a fresh code is mailed to the request's e-mail address, and the right code
 * answers with the package itself. See {@link PortalDownloads} and docs/portal.md#download. Limits, unknown
 * tokens and an unavailable relay are answered by {@link PortalProblems}.
 */
@Controller
@WebPage
@OpenPage
@RequestMapping("/privacy/{tenant}/download/{token}")
class PortalDownloadController {

    /** A download code that did not open the package: the page again, with why. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient Tenant tenant;
        private final String token;
        private final int status;
        private final String error;

        Refused(Tenant tenant, String token, int status, String error) {
            super(error, null, false, false);
            this.tenant = tenant;
            this.token = token;
            this.status = status;
            this.error = error;
        }
    }

    private final PortalRequests requests;
    private final PortalDownloads downloads;
    private final PortalProperties properties;
    private final RateLimits limits;
    private final MeterRegistry meters;
    private final PortalGuard guard;

    PortalDownloadController(
            PortalRequests requests,
            PortalDownloads downloads,
            PortalProperties properties,
            RateLimits limits,
            MeterRegistry meters,
            PortalGuard guard) {
        this.requests = requests;
        this.downloads = downloads;
        this.properties = properties;
        this.limits = limits;
        this.meters = meters;
        this.guard = guard;
    }

    @GetMapping
    String page(
            @PathVariable("tenant") String slug,
            @PathVariable String token,
            @RequestParam(required = false) String sent,
            HttpServletRequest http,
            Model model) {
        Tenant tenant = tenant(slug);
        if (!downloads.offered(tenant, token)) {
            throw new PortalController.NotFound();
        }
        return page(tenant, token, sent != null, null, http, model);
    }

    @PostMapping("/send")
    String send(@PathVariable("tenant") String slug, @PathVariable String token, HttpServletRequest http) {
        Tenant tenant = tenant(slug);
        if (!downloads.offered(tenant, token)) {
            throw new PortalController.NotFound();
        }
        PortalProperties.Limits limit = guard.limits(tenant);
        limits.take("send-address", http.getRemoteAddr(), limit.codeSendsPerAddress(), limit.window());
        boolean sent = downloads.sendCode(
                tenant,
                token,
                PortalShell.baseUrl(properties),
                RequestContextUtils.getLocale(http),
                PortalShell.organisation(tenant, properties),
                email -> limits.take(
                        "send-identity",
                        RateLimits.identity(tenant.id(), email),
                        limit.codeSendsPerIdentity(),
                        limit.window()));
        if (!sent) {
            throw new PortalController.NotFound();
        }
        return "redirect:/privacy/" + tenant.slug() + "/download/" + token + "?sent";
    }

    @PostMapping
    ResponseEntity<StreamingResponseBody> download(
            @PathVariable("tenant") String slug,
            @PathVariable String token,
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest http) {
        Tenant tenant = tenant(slug);
        if (!downloads.offered(tenant, token)) {
            throw new PortalController.NotFound();
        }
        PortalProperties.Limits limit = guard.limits(tenant);
        limits.take("try-address", http.getRemoteAddr(), limit.codeAttemptsPerAddress(), limit.window());
        String trimmed = code.strip();
        PortalDownloads.Redemption outcome = downloads
                .redeem(tenant, token, trimmed.length() > 6 ? "" : trimmed)
                .orElseThrow(PortalController.NotFound::new);
        meters.counter("lethe.portal.downloads", "outcome", outcome(outcome)).increment();
        return switch (outcome) {
            case PortalDownloads.Redemption.Granted granted -> zip(granted.stored(), downloads.open(granted.stored()));
            case PortalDownloads.Redemption.Wrong wrong ->
                throw new Refused(tenant, token, 400, "portal.download.wrong");
            case PortalDownloads.Redemption.Expired expired ->
                throw new Refused(tenant, token, 410, "portal.download.expired");
        };
    }

    /**
     * The link in the download code's mail. Opening it hands nothing over (mail scanners open links): it shows a
     * button that POSTs here, with the page's CSRF token.
     */
    @GetMapping("/link/{secret}")
    String linkPage(
            @PathVariable("tenant") String slug,
            @PathVariable String token,
            @PathVariable String secret,
            HttpServletRequest http,
            HttpServletResponse response,
            Model model) {
        Tenant tenant = tenant(slug);
        if (!downloads.offered(tenant, token)) {
            throw new PortalController.NotFound();
        }
        boolean works = downloads.linkWorks(tenant, token, secret);
        if (!works) {
            response.setStatus(410);
        }
        return PortalLinkController.page(
                tenant,
                token,
                secret,
                works ? PortalRequests.LinkState.USABLE : PortalRequests.LinkState.DEAD,
                true,
                properties,
                http,
                model);
    }

    /** The button behind the download link: the package, once, as the right code would give it. */
    @PostMapping("/link/{secret}")
    ResponseEntity<StreamingResponseBody> linkDownload(
            @PathVariable("tenant") String slug,
            @PathVariable String token,
            @PathVariable String secret,
            HttpServletRequest http) {
        Tenant tenant = tenant(slug);
        if (!downloads.offered(tenant, token)) {
            throw new PortalController.NotFound();
        }
        PortalProperties.Limits limit = guard.limits(tenant);
        limits.take("try-address", http.getRemoteAddr(), limit.codeAttemptsPerAddress(), limit.window());
        PortalDownloads.Redemption outcome =
                downloads.redeemLink(tenant, token, secret).orElseThrow(PortalController.NotFound::new);
        meters.counter("lethe.portal.links", "outcome", "DOWNLOAD_" + outcome(outcome))
                .increment();
        if (outcome instanceof PortalDownloads.Redemption.Granted granted) {
            return zip(granted.stored(), downloads.open(granted.stored()));
        }
        throw new DeadLink(tenant, token, secret);
    }

    /** A download link that does not work (any more): 410 and its page. */
    static final class DeadLink extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient Tenant tenant;
        private final String token;
        private final String secret;

        DeadLink(Tenant tenant, String token, String secret) {
            super("dead download link", null, false, false);
            this.tenant = tenant;
            this.token = token;
            this.secret = secret;
        }
    }

    @ExceptionHandler(DeadLink.class)
    String deadLink(DeadLink dead, HttpServletRequest http, HttpServletResponse response, Model model) {
        response.setStatus(410);
        return PortalLinkController.page(
                dead.tenant, dead.token, dead.secret, PortalRequests.LinkState.DEAD, true, properties, http, model);
    }

    private static String outcome(PortalDownloads.Redemption outcome) {
        return outcome.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }

    @ExceptionHandler(Refused.class)
    String refused(Refused refused, HttpServletRequest http, HttpServletResponse response, Model model) {
        response.setStatus(refused.status);
        return page(refused.tenant, refused.token, true, refused.error, http, model);
    }

    private String page(Tenant tenant, String token, boolean sent, String error, HttpServletRequest http, Model model) {
        PortalShell.fill(tenant, properties, http, model);
        model.addAttribute("token", token);
        model.addAttribute("minutes", properties.codeValidity().toMinutes());
        model.addAttribute("sent", sent);
        if (error != null) {
            model.addAttribute("error", error);
        }
        return "portal/download";
    }

    private Tenant tenant(String slug) {
        return requests.tenant(slug).orElseThrow(PortalController.NotFound::new);
    }

    /** The package as an attachment; its name says nothing about whose it is, and nothing keeps a copy. */
    private static ResponseEntity<StreamingResponseBody> zip(StoredPackage stored, InputStream zip) {
        StreamingResponseBody body = out -> {
            try (zip) {
                zip.transferTo(out);
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("your-data.zip")
                                .build()
                                .toString())
                .header("X-Content-SHA256", stored.sha256())
                .contentLength(stored.size())
                .cacheControl(CacheControl.noStore())
                .body(body);
    }
}
