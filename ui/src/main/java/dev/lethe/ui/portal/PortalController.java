package dev.lethe.ui.portal;

import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.taxonomy.Term;
import dev.lethe.catalog.taxonomy.TermKind;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ui.limits.RateLimitExceeded;
import dev.lethe.ui.shell.OpenPage;
import dev.lethe.ui.shell.WebPage;
import dev.lethe.workflows.request.RequestType;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A tenant's public privacy page ({@code /privacy/{tenant}}): a person files a request of one of the
 * six types, proves they control the e-mail address they gave by the code sent to it, and follows the
 * request on a status page reached by an unguessable link. No account and no role: the security chain
 * lets these paths through, and forms carry CSRF tokens like every other. Every answer is the same
 * whoever the identity is. See docs/portal.md.
 */
@Controller
@WebPage
@OpenPage
@RequestMapping("/privacy/{tenant}")
class PortalController {

    /** No such tenant or token: 404, and the same page for both. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound() {
            super("not found", null, false, false);
        }
    }

    private final PortalRequests requests;
    private final PortalProperties properties;
    private final RateLimits limits;
    private final Taxonomy taxonomy;
    private final MeterRegistry meters;
    private final PortalDownloads downloads;
    private final PortalErasureNotices erasures;

    PortalController(
            PortalRequests requests,
            PortalProperties properties,
            RateLimits limits,
            Taxonomy taxonomy,
            MeterRegistry meters,
            PortalDownloads downloads,
            PortalErasureNotices erasures) {
        this.requests = requests;
        this.properties = properties;
        this.limits = limits;
        this.taxonomy = taxonomy;
        this.meters = meters;
        this.downloads = downloads;
        this.erasures = erasures;
    }

    @GetMapping
    String index(@PathVariable("tenant") String slug, HttpServletRequest http, Model model) {
        shell(tenant(slug), http, model);
        model.addAttribute("types", types());
        return "portal/index";
    }

    @GetMapping("/new/{type}")
    String form(@PathVariable("tenant") String slug, @PathVariable String type, HttpServletRequest http, Model model) {
        Tenant tenant = tenant(slug);
        return form(tenant, type(type), PortalForm.empty(), Map.of(), http, model);
    }

    @PostMapping("/new/{type}")
    String file(
            @PathVariable("tenant") String slug,
            @PathVariable("type") String typeName,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String correctionOf,
            @RequestParam(defaultValue = "") String correction,
            @RequestParam(defaultValue = "") String purpose,
            @RequestParam(defaultValue = "false") boolean agent,
            @RequestParam(defaultValue = "false") boolean declaration,
            HttpServletRequest http,
            HttpServletResponse response,
            Model model) {
        Tenant tenant = tenant(slug);
        RequestType type = type(typeName);
        PortalProperties.Limits limit = properties.limits();
        String address = http.getRemoteAddr();
        limits.take("submit-address", address, limit.submissionsPerAddress(), limit.window());
        PortalForm form = new PortalForm(email, phone, correctionOf, correction, purpose, agent, declaration);
        Map<String, String> problems = form.problems(
                type,
                type == RequestType.RECTIFICATION ? codes(tenant, TermKind.DATA_CATEGORY) : Set.of(),
                type == RequestType.OBJECTION ? codes(tenant, TermKind.PURPOSE) : Set.of());
        if (!problems.isEmpty()) {
            response.setStatus(400);
            return form(tenant, type, form, problems, http, model);
        }
        String identity = RateLimits.identity(tenant.id(), form.email());
        limits.take("submit-identity", identity, limit.submissionsPerIdentity(), limit.window());
        limits.take("send-address", address, limit.codeSendsPerAddress(), limit.window());
        limits.take("send-identity", identity, limit.codeSendsPerIdentity(), limit.window());
        PortalRequests.Filed filed = requests.file(tenant, type, form, locale(http), organisation(tenant));
        meters.counter("lethe.portal.filed", "type", type.name()).increment();
        return "redirect:/privacy/" + tenant.slug() + "/verify/" + filed.token();
    }

    @GetMapping("/verify/{token}")
    String verifyForm(
            @PathVariable("tenant") String slug,
            @PathVariable String token,
            @RequestParam(required = false) String sent,
            HttpServletRequest http,
            Model model) {
        Tenant tenant = tenant(slug);
        boolean waiting = requests.awaitsCode(tenant, token).orElseThrow(NotFound::new);
        if (!waiting) {
            return "redirect:/privacy/" + tenant.slug() + "/status/" + token;
        }
        shell(tenant, http, model);
        model.addAttribute("token", token);
        model.addAttribute("minutes", properties.codeValidity().toMinutes());
        if (sent != null) {
            model.addAttribute("notice", "portal.verify.resent");
        }
        return "portal/verify";
    }

    @PostMapping("/verify/{token}")
    String verify(
            @PathVariable("tenant") String slug,
            @PathVariable String token,
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest http,
            HttpServletResponse response,
            Model model) {
        Tenant tenant = tenant(slug);
        requests.awaitsCode(tenant, token).orElseThrow(NotFound::new);
        PortalProperties.Limits limit = properties.limits();
        limits.take("try-address", http.getRemoteAddr(), limit.codeAttemptsPerAddress(), limit.window());
        String statusUrl = baseUrl() + "/privacy/" + tenant.slug() + "/status/" + token;
        String trimmed = code.strip();
        PortalRequests.Verification outcome = requests.verify(
                tenant, token, trimmed.length() > 6 ? "" : trimmed, locale(http), statusUrl, organisation(tenant));
        // Many WRONG or EXPIRED codes are an anomaly signal (someone guessing): see docs/portal.md#limits.
        meters.counter("lethe.portal.codes", "outcome", outcome.name()).increment();
        if (outcome == PortalRequests.Verification.VERIFIED || outcome == PortalRequests.Verification.CLOSED) {
            return "redirect:/privacy/" + tenant.slug() + "/status/" + token;
        }
        response.setStatus(outcome == PortalRequests.Verification.WRONG ? 400 : 410);
        shell(tenant, http, model);
        model.addAttribute("token", token);
        model.addAttribute("minutes", properties.codeValidity().toMinutes());
        model.addAttribute(
                "error",
                outcome == PortalRequests.Verification.WRONG ? "portal.verify.wrong" : "portal.verify.expired");
        return "portal/verify";
    }

    @PostMapping("/verify/{token}/resend")
    String resend(@PathVariable("tenant") String slug, @PathVariable String token, HttpServletRequest http) {
        Tenant tenant = tenant(slug);
        requests.awaitsCode(tenant, token).orElseThrow(NotFound::new);
        PortalProperties.Limits limit = properties.limits();
        limits.take("send-address", http.getRemoteAddr(), limit.codeSendsPerAddress(), limit.window());
        requests.resend(
                tenant,
                token,
                locale(http),
                organisation(tenant),
                email -> limits.take(
                        "send-identity",
                        RateLimits.identity(tenant.id(), email),
                        limit.codeSendsPerIdentity(),
                        limit.window()));
        return "redirect:/privacy/" + tenant.slug() + "/verify/" + token + "?sent";
    }

    @GetMapping("/status/{token}")
    String status(
            @PathVariable("tenant") String slug, @PathVariable String token, HttpServletRequest http, Model model) {
        Tenant tenant = tenant(slug);
        PortalRequests.Status status = requests.status(tenant, token).orElseThrow(NotFound::new);
        shell(tenant, http, model);
        model.addAttribute("status", status);
        model.addAttribute("token", token);
        model.addAttribute("download", downloads.offered(tenant, token));
        model.addAttribute("erasure", erasures.of(tenant, token).orElse(null));
        return "portal/status";
    }

    @ExceptionHandler(RateLimitExceeded.class)
    String limited(RateLimitExceeded e, HttpServletRequest http, HttpServletResponse response, Model model) {
        meters.counter("lethe.portal.limited", "bucket", e.kind()).increment();
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        model.addAttribute("retryAfter", e.retryAfterSeconds());
        return problemPage(http, model, "portal/limited");
    }

    @ExceptionHandler(PortalMail.Unavailable.class)
    String mailUnavailable(HttpServletRequest http, HttpServletResponse response, Model model) {
        response.setStatus(503);
        return problemPage(http, model, "portal/unavailable");
    }

    @ExceptionHandler(NotFound.class)
    String notFound(HttpServletRequest http, HttpServletResponse response, Model model) {
        response.setStatus(404);
        return problemPage(http, model, "portal/not-found");
    }

    /** An error page: the tenant's shell when the path names a tenant, a plain one otherwise. */
    private String problemPage(HttpServletRequest http, Model model, String view) {
        String[] segments = http.getRequestURI().split("/");
        String slug = segments.length > 2 ? segments[2] : "";
        requests.tenant(slug).ifPresentOrElse(tenant -> shell(tenant, http, model), () -> {
            model.addAttribute("organisation", "");
            model.addAttribute("page", properties.page());
            model.addAttribute("selfPath", http.getRequestURI());
            model.addAttribute("lang", locale(http).getLanguage());
            model.addAttribute("languages", PortalLanguages.SUPPORTED);
        });
        return view;
    }

    private String form(
            Tenant tenant,
            RequestType type,
            PortalForm form,
            Map<String, String> problems,
            HttpServletRequest http,
            Model model) {
        shell(tenant, http, model);
        model.addAttribute("type", type.name().toLowerCase(Locale.ROOT));
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        if (type == RequestType.RECTIFICATION) {
            model.addAttribute("categories", terms(tenant, TermKind.DATA_CATEGORY));
        }
        if (type == RequestType.OBJECTION) {
            model.addAttribute("purposes", terms(tenant, TermKind.PURPOSE));
        }
        return "portal/form";
    }

    private void shell(Tenant tenant, HttpServletRequest http, Model model) {
        model.addAttribute("slug", tenant.slug());
        model.addAttribute("organisation", organisation(tenant));
        model.addAttribute("page", properties.pageOf(tenant.slug()));
        model.addAttribute("selfPath", http.getRequestURI());
        model.addAttribute("lang", locale(http).getLanguage());
        model.addAttribute("languages", PortalLanguages.SUPPORTED);
    }

    private Tenant tenant(String slug) {
        return requests.tenant(slug).orElseThrow(NotFound::new);
    }

    private String organisation(Tenant tenant) {
        String name = properties.pageOf(tenant.slug()).name();
        return name.isBlank() ? tenant.name() : name;
    }

    /** The request type a path names ({@code /new/erasure}), or {@link NotFound}. */
    static RequestType type(String name) {
        return Arrays.stream(RequestType.values())
                .filter(type -> type.name().toLowerCase(Locale.ROOT).equals(name))
                .findFirst()
                .orElseThrow(NotFound::new);
    }

    private static List<String> types() {
        return Arrays.stream(RequestType.values())
                .map(type -> type.name().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** Terms a person may choose: the leaves of the tenant's taxonomy, not Art. 9 special categories. */
    private List<Term> terms(Tenant tenant, TermKind kind) {
        List<Term> all = TenantContext.callAs(tenant.id(), () -> taxonomy.list(tenant.id(), kind));
        Set<String> parents = all.stream().map(Term::parentCode).collect(Collectors.toSet());
        return all.stream()
                .filter(term -> !parents.contains(term.code()) && !term.special())
                .toList();
    }

    private Set<String> codes(Tenant tenant, TermKind kind) {
        return terms(tenant, kind).stream().map(Term::code).collect(Collectors.toSet());
    }

    private static Locale locale(HttpServletRequest http) {
        return RequestContextUtils.getLocale(http);
    }

    private String baseUrl() {
        String configured = properties.publicUrl();
        if (!configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
