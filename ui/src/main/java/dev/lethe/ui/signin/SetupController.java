package dev.lethe.ui.signin;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.account.EmailTakenException;
import dev.lethe.catalog.account.SetupToken;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ui.shell.OpenPage;
import dev.lethe.ui.shell.WebPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One-time set-up links (the first ADMIN's, an invitation's, an ADMIN's password reset): the person
 * chooses their password (and the first ADMIN their e-mail address and name), then enrols a second
 * factor as the next step of signing in — or, after a reset, enters a code of the second factor they
 * kept. A link works once and until it expires.
 */
@Controller
@WebPage
@OpenPage
class SetupController {

    /** The address the first ADMIN is created with, until they choose theirs (.invalid is reserved). */
    static final String FIRST_ADMIN_PLACEHOLDER = "admin@first-start.invalid";

    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final SignInAudit audit;
    private final Clock clock = Clock.systemUTC();

    SetupController(Accounts accounts, PasswordPolicy policy, PasswordHashing hashing, SignInAudit audit) {
        this.accounts = accounts;
        this.policy = policy;
        this.hashing = hashing;
        this.audit = audit;
    }

    /**
     * The form the page shows.
     *
     * @param reset true for a password reset (an account that was set up before): only the password is asked
     */
    record SetupForm(String email, String displayName, boolean emailEditable, boolean reset) {}

    @GetMapping("/setup/{token}")
    String form(@PathVariable String token, HttpServletResponse response, Model model) {
        Optional<Account> account = usableAccount(token);
        if (account.isEmpty()) {
            response.setStatus(410);
            return "signin/setup-expired";
        }
        model.addAttribute("token", token);
        model.addAttribute("form", formOf(account.get(), null, null));
        model.addAttribute("minimumLength", policy.minimumLength());
        return "signin/setup";
    }

    @PostMapping("/setup/{token}")
    String setUp(
            @PathVariable String token,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String repeat,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<Account> found = usableAccount(token);
        if (found.isEmpty()) {
            response.setStatus(410);
            return "signin/setup-expired";
        }
        Account account = found.get();
        SetupForm form = formOf(account, email, displayName);
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.emailEditable() && !form.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.put("email", "Enter your e-mail address, like name@example.org.");
        }
        if (form.displayName().isBlank() || form.displayName().length() > 200) {
            errors.put("displayName", "Enter your name (up to 200 characters).");
        }
        policy.problem(password, form.email(), form.displayName())
                .ifPresent(problem -> errors.put("password", problem));
        if (!errors.containsKey("password") && !password.equals(repeat)) {
            errors.put("repeat", "The two passwords are not the same.");
        }
        UUID tenantId = account.tenantId();
        if (errors.isEmpty()) {
            try {
                errors.putAll(TenantContext.callAs(tenantId, () -> apply(account, token, form, password)));
            } catch (EmailTakenException e) {
                errors.put("email", "Another account has this e-mail address.");
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("token", token);
            model.addAttribute("form", form);
            model.addAttribute("errors", errors);
            model.addAttribute("minimumLength", policy.minimumLength());
            return "signin/setup";
        }
        audit.own(
                tenantId, account.id(), "user.password.set", Map.of("via", form.reset() ? "reset-link" : "setup-link"));
        if (account.status() == AccountStatus.DISABLED) {
            return "redirect:/sign-in";
        }
        // A reset keeps the second factor: the link alone (which an ADMIN handed over) does not sign anyone in.
        boolean enrolling = !account.hasSecondFactor();
        return SignInController.pending(
                request,
                new PendingSignIn(tenantId, account.id(), clock.instant(), enrolling),
                enrolling ? "redirect:/sign-in/enrol" : "redirect:/sign-in/second-factor");
    }

    private Map<String, String> apply(Account account, String token, SetupForm form, String password) {
        Instant now = clock.instant();
        if (!accounts.useSetupToken(account.tenantId(), token, now)) {
            return Map.of("password", "This link has just been used or has expired.");
        }
        if (form.emailEditable()) {
            accounts.setEmail(account.tenantId(), account.id(), form.email());
        }
        accounts.setDisplayName(account.tenantId(), account.id(), form.displayName());
        accounts.setPassword(account.tenantId(), account.id(), hashing.hash(password));
        return Map.of();
    }

    private Optional<Account> usableAccount(String token) {
        if (token.length() < 32 || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<SetupToken> setup = accounts.findSetupToken(token).filter(found -> found.usableAt(now));
        return setup.flatMap(
                found -> TenantContext.callAs(found.tenantId(), () -> accounts.find(found.tenantId(), found.userId())));
    }

    private static SetupForm formOf(Account account, String email, String displayName) {
        boolean reset = account.status() != AccountStatus.INVITED;
        boolean editable = !reset && account.email().equalsIgnoreCase(FIRST_ADMIN_PLACEHOLDER);
        String shownEmail = editable ? (email == null ? "" : email.strip()) : account.email();
        String name = reset
                ? account.displayName()
                : displayName != null ? displayName.strip() : editable ? "" : account.displayName();
        return new SetupForm(shownEmail, name, editable, reset);
    }
}
