package dev.lethe.ui.users;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.security.UserAuthentication;
import dev.lethe.ui.shell.PageAccess;
import dev.lethe.ui.shell.PageTimes;
import dev.lethe.ui.shell.WebPage;
import dev.lethe.ui.users.UserRequests.Change;
import dev.lethe.ui.users.UserRequests.Invitation;
import dev.lethe.ui.users.UserRequests.Invited;
import dev.lethe.ui.users.UserRequests.PasswordReset;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The users page for ADMINs: the tenant's people (roles, status, second factor, last sign-in), inviting
 * a person (their set-up link shown once), changing roles, disabling and enabling, resetting a second
 * factor or a password (the new set-up link shown once). Everything goes through {@link UserManagement}, as the users API does, so it is audited the same
 * way; a refused change is shown as a message on the page.
 */
@Controller
@WebPage
@PageAccess(read = Role.ADMIN, write = Role.ADMIN)
@RequestMapping("/admin/users")
class UsersPage {

    /** A person as a row of the table. */
    record PersonRow(
            UUID id,
            String displayName,
            String email,
            Set<Role> roles,
            String roleNames,
            String status,
            boolean active,
            boolean disabled,
            boolean secondFactor,
            boolean localPassword,
            String lastSignIn) {

        static PersonRow of(Account account) {
            return new PersonRow(
                    account.id(),
                    account.displayName(),
                    account.email(),
                    account.roles(),
                    account.roles().stream().sorted().map(Role::name).collect(Collectors.joining(", ")),
                    account.status().name(),
                    account.status() == AccountStatus.ACTIVE,
                    account.status() == AccountStatus.DISABLED,
                    account.hasSecondFactor(),
                    account.external() == null || account.passwordHash() != null,
                    PageTimes.format(account.lastSignInAt()));
        }

        /** For the role check boxes: whether the person has the role. */
        public boolean has(String role) {
            return roles.contains(Role.valueOf(role));
        }
    }

    private final UserManagement users;

    UsersPage(UserManagement users) {
        this.users = users;
    }

    @GetMapping
    String page(LetheAuthentication caller, Model model) {
        return render(caller, model);
    }

    @PostMapping
    String invite(
            LetheAuthentication caller,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(name = "roles", required = false) List<Role> roles,
            Model model,
            HttpServletResponse response) {
        try {
            Invited invited =
                    users.invite(caller.tenantId(), caller.actor(), new Invitation(email, displayName, roleSet(roles)));
            // The set-up link is on this page and nowhere else: no cache keeps it.
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("invited", invited);
            model.addAttribute("invitedExpires", PageTimes.format(invited.setupLinkExpiresAt()));
        } catch (UserProblem e) {
            model.addAttribute("error", message(e));
            model.addAttribute("email", email);
            model.addAttribute("displayName", displayName);
        }
        return render(caller, model);
    }

    @PostMapping("/{id}/roles")
    String roles(
            LetheAuthentication caller,
            @PathVariable UUID id,
            @RequestParam(name = "roles", required = false) List<Role> roles,
            RedirectAttributes redirect) {
        return act(
                redirect,
                "Roles changed; the person's sessions ended.",
                () -> users.change(caller, id, new Change(null, roleSet(roles), null, null)));
    }

    @PostMapping("/{id}/disable")
    String disable(LetheAuthentication caller, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(
                redirect,
                "Disabled; the person's sessions and API keys ended.",
                () -> users.change(caller, id, new Change(null, null, "DISABLED", null)));
    }

    @PostMapping("/{id}/enable")
    String enable(LetheAuthentication caller, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(redirect, "Enabled.", () -> users.change(caller, id, new Change(null, null, "ACTIVE", null)));
    }

    @PostMapping("/{id}/reset-second-factor")
    String resetSecondFactor(LetheAuthentication caller, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(
                redirect,
                "Second factor reset: the person enrols a new one at their next sign-in.",
                () -> users.change(caller, id, new Change(null, null, null, true)));
    }

    /** The new set-up link is shown on this answer only, as an invitation's is. */
    @PostMapping("/{id}/reset-password")
    String resetPassword(LetheAuthentication caller, @PathVariable UUID id, Model model, HttpServletResponse response) {
        try {
            PasswordReset reset = users.resetPassword(caller, id);
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("passwordReset", reset);
            model.addAttribute("passwordResetExpires", PageTimes.format(reset.setupLinkExpiresAt()));
        } catch (UserProblem e) {
            model.addAttribute("error", message(e));
        }
        return render(caller, model);
    }

    private String act(RedirectAttributes redirect, String done, Supplier<Account> change) {
        try {
            Account account = change.get();
            redirect.addFlashAttribute("message", account.displayName() + ": " + done);
        } catch (UserProblem e) {
            redirect.addFlashAttribute("error", message(e));
        }
        return "redirect:/admin/users";
    }

    private String render(LetheAuthentication caller, Model model) {
        model.addAttribute(
                "people",
                users.list(caller.tenantId()).stream().map(PersonRow::of).toList());
        model.addAttribute("allRoles", Role.values());
        // No button to disable oneself: the service would refuse it anyway.
        model.addAttribute("selfId", caller instanceof UserAuthentication person ? person.userId() : null);
        return "admin/users";
    }

    private static Set<Role> roleSet(List<Role> roles) {
        return roles == null || roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
    }

    /** The problem in a person's words: the API's messages name JSON fields. */
    private static String message(UserProblem e) {
        String text = e.getMessage();
        if (text.startsWith("roles")) {
            return "Choose at least one role.";
        }
        if (text.startsWith("email")) {
            return "Enter an e-mail address, such as name@example.org.";
        }
        if (text.startsWith("displayName")) {
            return "Enter a name of 1 to 200 characters.";
        }
        return text.endsWith(".") ? text : text + ".";
    }
}
