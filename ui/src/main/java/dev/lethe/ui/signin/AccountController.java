package dev.lethe.ui.signin;

import dev.lethe.catalog.account.Accounts;
import dev.lethe.ui.security.UserAuthentication;
import dev.lethe.ui.security.WebSessions;
import dev.lethe.ui.shell.OpenPage;
import dev.lethe.ui.shell.WebPage;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** A signed-in person's own account: recovery codes left, signing out of every session. */
@Controller
@WebPage
@OpenPage
class AccountController {

    private final Accounts accounts;
    private final WebSessions sessions;
    private final SignInAudit audit;

    AccountController(Accounts accounts, WebSessions sessions, SignInAudit audit) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** The home page's account panel (an htmx fragment). */
    @GetMapping("/account/status")
    String status(Model model) {
        UserAuthentication person = person();
        model.addAttribute("recoveryCodesLeft", accounts.remainingRecoveryCodes(person.tenantId(), person.userId()));
        return "home/home :: account-status";
    }

    /** Ends every session of the person, this one included. */
    @PostMapping("/account/sign-out-everywhere")
    String signOutEverywhere() {
        UserAuthentication person = person();
        int ended = sessions.endAll(person.userId());
        audit.own(
                person.tenantId(), person.userId(), "user.sessions.ended", Map.of("sessions", Integer.toString(ended)));
        SecurityContextHolder.clearContext();
        return "redirect:/sign-in?signed-out";
    }

    private static UserAuthentication person() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof UserAuthentication person) {
            return person;
        }
        throw new AccessDeniedException("Only people have accounts");
    }
}
