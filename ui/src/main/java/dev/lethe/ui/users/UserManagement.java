package dev.lethe.ui.users;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.account.EmailTakenException;
import dev.lethe.catalog.account.NewAccount;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.security.UserAuthentication;
import dev.lethe.ui.security.WebSessions;
import dev.lethe.ui.signin.SignInAudit;
import dev.lethe.ui.signin.SignInProperties;
import dev.lethe.ui.users.UserRequests.Change;
import dev.lethe.ui.users.UserRequests.Invitation;
import dev.lethe.ui.users.UserRequests.Invited;
import dev.lethe.ui.users.UserRequests.PasswordReset;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A tenant's people, for its ADMINs — what the users API and the users page both do: invite (a one-time
 * set-up link, shown once), change roles, disable and enable, reset a lost second factor or a forgotten
 * password (a new one-time set-up link, shown once). Disabling, changing roles and resetting the second
 * factor or the password end all of the person's sessions at once, so that the change holds from the
 * next request; disabling also revokes the person's API keys, and a change of roles
 * the keys that hold a role the person lost. An ADMIN cannot disable themselves or take away their own
 * ADMIN role (no tenant without one by accident). Every change is audited.
 */
@Service
public class UserManagement {

    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final WebSessions sessions;
    private final SignInAudit audit;
    private final SignInProperties properties;
    private final SecureRandom random = new SecureRandom();

    UserManagement(
            Accounts accounts, ApiKeys apiKeys, WebSessions sessions, SignInAudit audit, SignInProperties properties) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.sessions = sessions;
        this.audit = audit;
        this.properties = properties;
    }

    List<Account> list(UUID tenantId) {
        return accounts.list(tenantId);
    }

    Account find(UUID tenantId, UUID id) {
        return accounts.find(tenantId, id)
                .orElseThrow(() -> new UserProblem(HttpStatus.NOT_FOUND, "No user with this id"));
    }

    /**
     * Checks an invitation without making anything.
     *
     * @throws UserProblem (400) naming what is wrong
     */
    public static Invitation checked(Invitation invitation) {
        String email = invitation.email() == null ? "" : invitation.email().strip();
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 320) {
            throw new UserProblem(HttpStatus.BAD_REQUEST, "email must be an e-mail address");
        }
        String name =
                invitation.displayName() == null ? "" : invitation.displayName().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new UserProblem(HttpStatus.BAD_REQUEST, "displayName must be 1 to 200 characters");
        }
        return new Invitation(email, name, requireRoles(invitation.roles()));
    }

    /**
     * Invites a person to the tenant: an INVITED account and a one-time set-up link (returned, never
     * stored in the clear).
     *
     * @throws UserProblem 400 for a bad invitation, 409 when the address has an account already
     */
    public Invited invite(UUID tenantId, Actor actor, Invitation invitation) {
        Invitation valid = checked(invitation);
        Account invited;
        try {
            invited = accounts.create(NewAccount.invited(tenantId, valid.email(), valid.displayName(), valid.roles()));
        } catch (EmailTakenException e) {
            throw new UserProblem(HttpStatus.CONFLICT, e.getMessage());
        }
        String token = newToken();
        Instant expires = Instant.now().plus(properties.setupLinkValidity());
        accounts.issueSetupToken(tenantId, invited.id(), token, expires);
        audit.record(tenantId, actor, "user.invited", invited.id(), Map.of("roles", names(valid.roles())));
        return new Invited(UserView.of(invited), baseUrl() + "/setup/" + token, expires);
    }

    /**
     * Resets a person's password: the old one stops working at once, every earlier set-up link of theirs
     * too, their sessions end, and a new one-time set-up link (returned, never stored in the clear) lets
     * them choose another. Their second factor stays: the link alone signs nobody in (an ADMIN who also
     * wants it replaced resets it as well). Their API keys stay. A disabled person can be reset (a
     * compromised account is disabled and reset in either order) and stays disabled.
     *
     * @throws UserProblem 404 when the tenant has no such person; 409 for oneself (who changes their own
     *     password with the current one) and for a person who signs in only through single sign-on
     */
    public PasswordReset resetPassword(LetheAuthentication caller, UUID id) {
        UUID tenantId = caller.tenantId();
        Account account = find(tenantId, id);
        if (caller instanceof UserAuthentication person && person.userId().equals(id)) {
            throw new UserProblem(HttpStatus.CONFLICT, "Change your own password on your account page instead");
        }
        if (account.external() != null && account.passwordHash() == null) {
            throw new UserProblem(
                    HttpStatus.CONFLICT, "This person signs in through single sign-on and has no password in Lethe");
        }
        String token = newToken();
        Instant now = Instant.now();
        Instant expires = now.plus(properties.setupLinkValidity());
        Account reset = accounts.resetPassword(tenantId, id, token, now, expires)
                .orElseThrow(() -> new UserProblem(HttpStatus.NOT_FOUND, "No user with this id"));
        audit.record(tenantId, caller.actor(), "user.password.reset", id, Map.of());
        int ended = sessions.endAll(id);
        audit.record(tenantId, caller.actor(), "user.sessions.ended", id, Map.of("sessions", Integer.toString(ended)));
        return new PasswordReset(UserView.of(reset), baseUrl() + "/setup/" + token, expires);
    }

    /** Applies the change (absent fields stay) and returns the account as it is now. */
    Account change(LetheAuthentication caller, UUID id, Change change) {
        Account account = find(caller.tenantId(), id);
        UUID tenantId = caller.tenantId();
        boolean self =
                caller instanceof UserAuthentication person && person.userId().equals(id);
        boolean endSessions = false;
        Map<String, String> changed = new LinkedHashMap<>();
        if (change.displayName() != null) {
            String name = change.displayName().strip();
            if (name.isEmpty() || name.length() > 200) {
                throw new UserProblem(HttpStatus.BAD_REQUEST, "displayName must be 1 to 200 characters");
            }
            accounts.setDisplayName(tenantId, id, name);
            changed.put("displayName", "changed");
        }
        if (change.roles() != null) {
            Set<Role> roles = requireRoles(change.roles());
            if (self && !roles.contains(Role.ADMIN)) {
                throw new UserProblem(HttpStatus.CONFLICT, "You cannot take away your own ADMIN role");
            }
            if (!roles.equals(account.roles())) {
                accounts.setRoles(tenantId, id, roles);
                audit.record(tenantId, caller.actor(), "user.roles.changed", id, Map.of("roles", names(roles)));
                keysRevoked(caller, id, apiKeys.revokeBeyond(tenantId, id, roles));
                endSessions = true;
            }
        }
        if (change.status() != null) {
            endSessions |= changeStatus(caller, account, change.status(), self);
        }
        if (Boolean.TRUE.equals(change.resetSecondFactor())) {
            accounts.resetSecondFactor(tenantId, id);
            audit.record(tenantId, caller.actor(), "user.second_factor.reset", id, Map.of());
            endSessions = true;
        }
        if (!changed.isEmpty()) {
            audit.record(tenantId, caller.actor(), "user.changed", id, changed);
        }
        if (endSessions) {
            int ended = sessions.endAll(id);
            audit.record(
                    tenantId, caller.actor(), "user.sessions.ended", id, Map.of("sessions", Integer.toString(ended)));
        }
        return find(tenantId, id);
    }

    private boolean changeStatus(LetheAuthentication caller, Account account, String status, boolean self) {
        UUID tenantId = caller.tenantId();
        switch (status) {
            case "DISABLED" -> {
                if (self) {
                    throw new UserProblem(HttpStatus.CONFLICT, "You cannot disable your own account");
                }
                if (account.status() != AccountStatus.DISABLED) {
                    accounts.setStatus(tenantId, account.id(), AccountStatus.DISABLED);
                    audit.record(tenantId, caller.actor(), "user.disabled", account.id(), Map.of());
                }
                // Also for an account disabled before keys were revoked with it: none of its keys outlives it.
                keysRevoked(caller, account.id(), apiKeys.revokeOwnedBy(tenantId, account.id()));
                return true;
            }
            case "ACTIVE" -> {
                if (account.status() == AccountStatus.DISABLED) {
                    // An account that never chose a password goes back to waiting for its set-up link.
                    AccountStatus back = account.passwordHash() == null && account.external() == null
                            ? AccountStatus.INVITED
                            : AccountStatus.ACTIVE;
                    accounts.setStatus(tenantId, account.id(), back);
                    audit.record(tenantId, caller.actor(), "user.enabled", account.id(), Map.of());
                }
                return false;
            }
            default -> throw new UserProblem(HttpStatus.BAD_REQUEST, "status must be ACTIVE or DISABLED");
        }
    }

    private void keysRevoked(LetheAuthentication caller, UUID userId, int revoked) {
        if (revoked > 0) {
            audit.record(
                    caller.tenantId(),
                    caller.actor(),
                    "user.api_keys.revoked",
                    userId,
                    Map.of("keys", Integer.toString(revoked)));
        }
    }

    private static Set<Role> requireRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(Objects::isNull)) {
            throw new UserProblem(
                    HttpStatus.BAD_REQUEST,
                    "roles must name at least one of ADMIN, PRIVACY_OFFICER, ENGINEER, AUDITOR");
        }
        return Set.copyOf(roles);
    }

    private static String names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private String baseUrl() {
        String url = properties.publicUrl().isBlank()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()
                : properties.publicUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
