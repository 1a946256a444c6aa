package dev.lethe.ui.signin;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.ui.security.UserAuthentication;
import dev.lethe.ui.security.WebSessions;
import dev.lethe.ui.shell.OpenPage;
import dev.lethe.ui.shell.WebPage;
import dev.lethe.ui.signin.SignInOutcome.EnrolmentNeeded;
import dev.lethe.ui.signin.SignInOutcome.Refused;
import dev.lethe.ui.signin.SignInOutcome.SecondFactorNeeded;
import dev.lethe.ui.signin.SignInOutcome.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in pages: e-mail address and password, then a code of the second factor — or, for a
 * person who has none yet, its enrolment (a QR code, a first code, the recovery codes shown once).
 * Between the steps only a {@link PendingSignIn} is in the session; the signed-in session is made
 * under a new id at the end.
 */
@Controller
@WebPage
@OpenPage
class SignInController {

    private final SignIn signIn;
    private final Tenants tenants;
    private final WebSessions sessions;
    private final SignInProperties properties;
    private final Accounts accounts;

    SignInController(
            SignIn signIn, Tenants tenants, WebSessions sessions, SignInProperties properties, Accounts accounts) {
        this.signIn = signIn;
        this.tenants = tenants;
        this.sessions = sessions;
        this.properties = properties;
        this.accounts = accounts;
    }

    @GetMapping("/sign-in")
    String form(
            @RequestParam(defaultValue = "default") String tenant,
            @RequestParam(name = "signed-out", required = false) String signedOut,
            @RequestParam(required = false) String expired,
            Model model) {
        model.addAttribute("tenant", tenant);
        if (signedOut != null) {
            model.addAttribute("notice", "You have signed out.");
        } else if (expired != null) {
            model.addAttribute("notice", "Your sign-in took too long or your session ended. Sign in again.");
        }
        return "signin/sign-in";
    }

    @PostMapping("/sign-in")
    String password(
            @RequestParam(defaultValue = "default") String tenant,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<Tenant> found = tenants.findBySlug(tenant);
        SignInOutcome outcome = found.isEmpty()
                ? new Refused(SignIn.WRONG_PASSWORD)
                : signIn.password(found.get().id(), email, password);
        return switch (outcome) {
            case SecondFactorNeeded needed -> pending(request, needed.pending(), "redirect:/sign-in/second-factor");
            case EnrolmentNeeded needed -> pending(request, needed.pending(), "redirect:/sign-in/enrol");
            case Refused refused -> {
                response.setStatus(401);
                model.addAttribute("tenant", tenant);
                model.addAttribute("email", email);
                model.addAttribute("error", refused.message());
                yield "signin/sign-in";
            }
            case SignedIn signedIn -> throw new IllegalStateException("A password alone never signs in");
        };
    }

    @GetMapping("/sign-in/second-factor")
    String secondFactorForm(HttpSession session) {
        return pendingOf(session).filter(p -> !p.enrolling()).isPresent()
                ? "signin/second-factor"
                : "redirect:/sign-in?expired";
    }

    @PostMapping("/sign-in/second-factor")
    String secondFactor(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            HttpSession session,
            Model model) {
        Optional<PendingSignIn> pending = pendingOf(session);
        if (pending.isEmpty()) {
            return "redirect:/sign-in?expired";
        }
        SignInOutcome outcome = signIn.secondFactor(pending.get(), code);
        if (outcome instanceof SignedIn signedIn) {
            sessions.establish(request, response, UserAuthentication.of(signedIn.account()));
            request.getSession().removeAttribute(PendingSignIn.ATTRIBUTE);
            return "redirect:/";
        }
        response.setStatus(401);
        model.addAttribute("error", ((Refused) outcome).message());
        return "signin/second-factor";
    }

    @GetMapping("/sign-in/enrol")
    String enrolForm(HttpSession session, Model model) {
        Optional<PendingSignIn> pending = pendingOf(session).filter(PendingSignIn::enrolling);
        Optional<byte[]> secret = pending.flatMap(signIn::enrolmentSecret);
        if (secret.isEmpty()) {
            return "redirect:/sign-in?expired";
        }
        model.addAttribute("manualKey", Totp.manualKey(secret.get()));
        Arrays.fill(secret.get(), (byte) 0);
        return "signin/enrol";
    }

    /** The enrolment QR code, drawn for the pending sign-in's secret; never cached. */
    @GetMapping(value = "/sign-in/enrol/qr.svg", produces = "image/svg+xml")
    ResponseEntity<String> enrolmentQrCode(HttpSession session) {
        Optional<PendingSignIn> pending = pendingOf(session).filter(PendingSignIn::enrolling);
        Optional<byte[]> secret = pending.flatMap(signIn::enrolmentSecret);
        if (secret.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        PendingSignIn person = pending.get();
        String email = TenantContext.callAs(
                person.tenantId(),
                () -> accounts.find(person.tenantId(), person.userId())
                        .map(Account::email)
                        .orElse("account"));
        String svg = QrCodes.svg(Totp.otpauthUri(properties.issuer(), email, secret.get()));
        Arrays.fill(secret.get(), (byte) 0);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.valueOf("image/svg+xml"))
                .body(svg);
    }

    @PostMapping("/sign-in/enrol")
    String enrol(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            HttpSession session,
            Model model) {
        Optional<PendingSignIn> pending = pendingOf(session).filter(PendingSignIn::enrolling);
        if (pending.isEmpty()) {
            return "redirect:/sign-in?expired";
        }
        SignInOutcome outcome = signIn.confirmEnrolment(pending.get(), code);
        if (outcome instanceof SignedIn signedIn) {
            sessions.establish(request, response, UserAuthentication.of(signedIn.account()));
            request.getSession().removeAttribute(PendingSignIn.ATTRIBUTE);
            model.addAttribute("recoveryCodes", signedIn.recoveryCodes());
            response.setHeader("Cache-Control", "no-store");
            return "signin/recovery-codes";
        }
        response.setStatus(401);
        model.addAttribute("error", ((Refused) outcome).message());
        return enrolForm(session, model);
    }

    static String pending(HttpServletRequest request, PendingSignIn pending, String next) {
        request.getSession(true).setAttribute(PendingSignIn.ATTRIBUTE, pending);
        return next;
    }

    private static Optional<PendingSignIn> pendingOf(HttpSession session) {
        return session != null && session.getAttribute(PendingSignIn.ATTRIBUTE) instanceof PendingSignIn pending
                ? Optional.of(pending)
                : Optional.empty();
    }
}
