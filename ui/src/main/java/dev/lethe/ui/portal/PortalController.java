package dev.lethe.ui.portal;

import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.catalog.taxonomy.Term;
import dev.lethe.catalog.taxonomy.TermKind;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ui.shell.OpenPage;
import dev.lethe.ui.shell.WebPage;
import dev.lethe.workflows.request.RequestType;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
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
    private final PortalGuard guard;
    private final PortalSignals signals;
    private final PortalIdentityFields identities;

    PortalController(
            PortalRequests requests,
            PortalProperties properties,
            RateLimits limits,
            Taxonomy taxonomy,
            MeterRegistry meters,
            PortalDownloads downloads,
            PortalErasureNotices erasures,
            PortalGuard guard,
            PortalSignals signals,
            PortalIdentityFields identities) {
        this.requests = requests;
        this.properties = properties;
        this.limits = limits;
        this.taxonomy = taxonomy;
        this.meters = meters;
        this.downloads = downloads;
        this.erasures = erasures;
        this.guard = guard;
        this.signals = signals;
        this.identities = identities;
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
        challenge(tenant, PortalGuard.FILE, http, null, model);
        return form(tenant, type(type), PortalForm.empty(), Map.of(), http, model);
    }

    @PostMapping("/new/{type}")
    String file(
            @PathVariable("tenant") String slug,
            @PathVariable("type") String typeName,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String correctionOf,
            @RequestParam(defaultValue = "") String correction,
            @RequestParam(defaultValue = "") String purpose,
            @RequestParam(defaultValue = "false") boolean agent,
            @RequestParam(defaultValue = "false") boolean declaration,
            @RequestParam(defaultValue = "") String agentName,
            @RequestParam(defaultValue = "") String agentRelation,
            @RequestParam(required = false) MultipartFile proof,
            @RequestParam(defaultValue = "") String challenge,
            @RequestParam(defaultValue = "") String challengeSolution,
            HttpServletRequest http,
            HttpServletResponse response,
            Model model) {
        Tenant tenant = tenant(slug);
        RequestType type = type(typeName);
        PortalProperties.Limits limit = guard.limits(tenant);
        String address = http.getRemoteAddr();
        PortalForm form = new PortalForm(
                email,
                identities.posted(tenant.slug(), http),
                correctionOf,
                correction,
                purpose,
                agent,
                declaration,
                agentName,
                agentRelation);
        Map<String, String> problems = form.problems(
                type,
                type == RequestType.RECTIFICATION ? codes(tenant, TermKind.DATA_CATEGORY) : Set.of(),
                type == RequestType.OBJECTION ? codes(tenant, TermKind.PURPOSE) : Set.of(),
                identities.accepted(tenant.slug()));
        PortalAgents.Proof uploaded = form.agent() ? proof(proof, problems) : null;
        String checked = problems.isEmpty() ? form.email() : null;
        if (checked != null) {
            signals.filedFor(tenant.id(), address, guard.identityBucket(tenant, checked));
        }
        var refused = guard.refusal(tenant, PortalGuard.FILE, address, checked, challenge, challengeSolution);
        if (refused.isPresent()) {
            response.setStatus(400);
            challenge(tenant, PortalGuard.FILE, http, checked, model);
            model.addAttribute("challengeError", refused.get());
            return form(tenant, type, form, problems, http, model);
        }
        limits.take(
                "submit-address",
                RateLimits.address(tenant.id(), address),
                limit.submissionsPerAddress(),
                limit.window());
        if (!problems.isEmpty()) {
            response.setStatus(400);
            challenge(tenant, PortalGuard.FILE, http, null, model);
            return form(tenant, type, form, problems, http, model);
        }
        String identity = RateLimits.identity(tenant.id(), form.email());
        limits.take("submit-identity", identity, limit.submissionsPerIdentity(), limit.window());
        limits.take(
                "send-address", RateLimits.address(tenant.id(), address), limit.codeSendsPerAddress(), limit.window());
        limits.take("send-identity", identity, limit.codeSendsPerIdentity(), limit.window());
        PortalRequests.Filed filed = requests.file(tenant, type, form, uploaded, locale(http), organisation(tenant));
        meters.counter("lethe.portal.filed", "type", type.name()).increment();
        signals.codeSent(tenant.id(), address, guard.identityBucket(tenant, form.email()));
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
        challenge(tenant, PortalGuard.RESEND, http, null, model);
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
        PortalProperties.Limits limit = guard.limits(tenant);
        limits.take(
                "try-address",
                RateLimits.address(tenant.id(), http.getRemoteAddr()),
                limit.codeAttemptsPerAddress(),
                limit.window());
        String statusUrl = baseUrl() + "/privacy/" + tenant.slug() + "/status/" + token;
        String trimmed = code.strip();
        PortalRequests.Verification outcome = requests.verify(
                tenant, token, trimmed.length() > 6 ? "" : trimmed, locale(http), statusUrl, organisation(tenant));
        // Many WRONG or EXPIRED codes are an anomaly signal (someone guessing): see docs/portal.md#limits.
        meters.counter("lethe.portal.codes", "outcome", outcome.name()).increment();
        if (outcome == PortalRequests.Verification.WRONG || outcome == PortalRequests.Verification.EXPIRED) {
            signals.codeFailed(tenant.id(), http.getRemoteAddr());
        }
        if (outcome == PortalRequests.Verification.VERIFIED || outcome == PortalRequests.Verification.CLOSED) {
            return "redirect:/privacy/" + tenant.slug() + "/status/" + token;
        }
        response.setStatus(outcome == PortalRequests.Verification.WRONG ? 400 : 410);
        shell(tenant, http, model);
        model.addAttribute("token", token);
        model.addAttribute("minutes", properties.codeValidity().toMinutes());
        challenge(tenant, PortalGuard.RESEND, http, null, model);
        model.addAttribute(
                "error",
                outcome == PortalRequests.Verification.WRONG ? "portal.verify.wrong" : "portal.verify.expired");
        return "portal/verify";
    }

    @PostMapping("/verify/{token}/resend")
    String resend(
            @PathVariable("tenant") String slug,
            @PathVariable String token,
            @RequestParam(defaultValue = "") String challenge,
            @RequestParam(defaultValue = "") String challengeSolution,
            HttpServletRequest http,
            HttpServletResponse response,
            Model model) {
        Tenant tenant = tenant(slug);
        requests.awaitsCode(tenant, token).orElseThrow(NotFound::new);
        PortalProperties.Limits limit = guard.limits(tenant);
        String address = http.getRemoteAddr();
        String[] sentTo = new String[1];
        boolean resent;
        try {
            resent = requests.resend(tenant, token, locale(http), organisation(tenant), email -> {
                guard.refusal(tenant, PortalGuard.RESEND, address, email, challenge, challengeSolution)
                        .ifPresent(refused -> {
                            throw new ChallengeRefused(refused, email);
                        });
                limits.take(
                        "send-address",
                        RateLimits.address(tenant.id(), address),
                        limit.codeSendsPerAddress(),
                        limit.window());
                limits.take(
                        "send-identity",
                        RateLimits.identity(tenant.id(), email),
                        limit.codeSendsPerIdentity(),
                        limit.window());
                sentTo[0] = email;
            });
        } catch (ChallengeRefused refused) {
            response.setStatus(400);
            shell(tenant, http, model);
            model.addAttribute("token", token);
            model.addAttribute("minutes", properties.codeValidity().toMinutes());
            challenge(tenant, PortalGuard.RESEND, http, refused.email, model);
            model.addAttribute("challengeError", refused.outcome);
            return "portal/verify";
        }
        if (resent && sentTo[0] != null) {
            signals.codeSent(tenant.id(), address, guard.identityBucket(tenant, sentTo[0]));
        }
        return "redirect:/privacy/" + tenant.slug() + "/verify/" + token + "?sent";
    }

    /**
     * The agent's proof document, when one was uploaded: at most {@link PortalAgents#PROOF_MAX} bytes and a PDF,
     * PNG or JPEG by its content (its name and declared type are not believed); else a problem of the field.
     */
    private static PortalAgents.Proof proof(MultipartFile file, Map<String, String> problems) {
        if (file == null || file.isEmpty()) {
            return null;
        }
        if (file.getSize() > PortalAgents.PROOF_MAX) {
            problems.put("proof", "portal.error.proof.large");
            return null;
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the proof document could not be read", e);
        }
        var type = PortalAgents.sniff(bytes);
        if (type.isEmpty()) {
            problems.put("proof", "portal.error.proof.type");
            return null;
        }
        return new PortalAgents.Proof(type.get(), bytes);
    }

    /** A resend without the solved challenge it needed; carries the e-mail address to ask the next one for. */
    private static final class ChallengeRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final ProofOfWork.Outcome outcome;
        private final transient String email;

        ChallengeRefused(ProofOfWork.Outcome outcome, String email) {
            super("challenge " + outcome, null, false, false);
            this.outcome = outcome;
            this.email = email;
        }
    }

    /** Puts a proof-of-work challenge on the page when the address (or identity) is near a limit. */
    private void challenge(Tenant tenant, String action, HttpServletRequest http, String email, Model model) {
        guard.challenge(tenant, action, http.getRemoteAddr(), email)
                .ifPresent(issued -> model.addAttribute("challenge", issued));
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
        model.addAttribute("identities", identities.inputs(tenant.slug(), form, problems, locale(http)));
        if (type == RequestType.RECTIFICATION) {
            model.addAttribute("categories", terms(tenant, TermKind.DATA_CATEGORY));
        }
        if (type == RequestType.OBJECTION) {
            model.addAttribute("purposes", terms(tenant, TermKind.PURPOSE));
        }
        return "portal/form";
    }

    private void shell(Tenant tenant, HttpServletRequest http, Model model) {
        PortalShell.fill(tenant, properties, http, model);
    }

    private Tenant tenant(String slug) {
        return requests.tenant(slug).orElseThrow(NotFound::new);
    }

    private String organisation(Tenant tenant) {
        return PortalShell.organisation(tenant, properties);
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
