package dev.lethe.ui.signin;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ui.security.UserAuthentication;
import dev.lethe.ui.security.WebSessions;
import dev.lethe.ui.shell.OpenPage;
import dev.lethe.ui.shell.WebPage;
import dev.lethe.ui.signin.SignIn.Confirmation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A signed-in person changes their own password: the current one (and a code of their second factor,
 * when enrolled) proves it is them, the new one meets the same policy as at set-up. Every other session
 * of theirs ends; this one goes on under a new id. Attempts take from the sign-in bucket of the client
 * address, wrong ones count towards the account's lock-out, and the change is audited without the
 * password.
 */
@Controller
@WebPage
@OpenPage
class PasswordChangeController {

    static final String WRONG_CURRENT = "Your current password is not right.";
    static final String WRONG_CODE =
            "That code is not right. Enter the current code from your authenticator app," + " or a recovery code.";
    static final String SAME = "The new password is your current one. Choose another.";
    static final String NO_PASSWORD =
            "Your account signs in through single sign-on: it has no password in Lethe to change.";

    private final Accounts accounts;
    private final SignIn signIn;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final WebSessions sessions;
    private final SignInAudit audit;

    PasswordChangeController(
            Accounts accounts,
            SignIn signIn,
            PasswordPolicy policy,
            PasswordHashing hashing,
            WebSessions sessions,
            SignInAudit audit) {
        this.accounts = accounts;
        this.signIn = signIn;
        this.policy = policy;
        this.hashing = hashing;
        this.sessions = sessions;
        this.audit = audit;
    }

    @GetMapping("/account/password")
    String form(@RequestParam(required = false) String changed, Model model) {
        Account account = account(person());
        if (changed != null) {
            model.addAttribute("notice", "Your password is changed. Your other sessions have ended.");
        }
        return page(account, Map.of(), model);
    }

    @PostMapping("/account/password")
    String change(
            @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String repeat,
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        UserAuthentication person = person();
        Account account = account(person);
        // The new password is checked first: a weak one costs neither a code nor an attempt.
        Map<String, String> errors = new LinkedHashMap<>();
        policy.problem(password, account.email(), account.displayName())
                .ifPresent(problem -> errors.put("password", problem));
        if (!errors.containsKey("password") && !password.equals(repeat)) {
            errors.put("repeat", "The two passwords are not the same.");
        }
        if (errors.isEmpty()) {
            Confirmation confirmation = signIn.confirm(person.tenantId(), person.userId(), current, code);
            switch (confirmation) {
                case CONFIRMED -> {
                    if (PasswordPolicy.normalise(password).equals(PasswordPolicy.normalise(current))) {
                        errors.put("password", SAME);
                    }
                }
                case WRONG_PASSWORD -> errors.put("current", WRONG_CURRENT);
                case WRONG_CODE -> errors.put("code", WRONG_CODE);
                case LOCKED -> errors.put("current", SignIn.LOCKED);
                case NO_PASSWORD -> errors.put("current", NO_PASSWORD);
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return page(account, errors, model);
        }
        UUID tenantId = person.tenantId();
        TenantContext.callAs(tenantId, () -> accounts.setPassword(tenantId, person.userId(), hashing.hash(password)));
        int ended = sessions.endOthers(request, person.userId());
        audit.own(tenantId, person.userId(), "user.password.changed", Map.of("sessionsEnded", Integer.toString(ended)));
        return "redirect:/account/password?changed";
    }

    private String page(Account account, Map<String, String> errors, Model model) {
        model.addAttribute("secondFactor", account.hasSecondFactor());
        model.addAttribute("hasPassword", account.passwordHash() != null);
        model.addAttribute("minimumLength", policy.minimumLength());
        model.addAttribute("errors", errors);
        return "signin/change-password";
    }

    private Account account(UserAuthentication person) {
        return TenantContext.callAs(
                person.tenantId(),
                () -> accounts.find(person.tenantId(), person.userId())
                        .orElseThrow(() -> new AccessDeniedException("The account is gone")));
    }

    private static UserAuthentication person() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof UserAuthentication person) {
            return person;
        }
        throw new AccessDeniedException("Only people have passwords");
    }
}
