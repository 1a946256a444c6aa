package dev.lethe.ui.security;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.audit.Actor;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A person signed in to the web UI (password and second factor, or single sign-on): their tenant,
 * their account as the actor ({@code user:<id>}), their roles, and the scopes a person has — read
 * and write, and admin for an ADMIN. Kept in the server-side session, so it holds ids and roles
 * only, never an e-mail address or a name; the principal's name ({@code user:<id>}) is what
 * sessions are indexed by, so that all of a person's sessions can be ended at once.
 */
public final class UserAuthentication extends LetheAuthentication {

    private static final long serialVersionUID = 1L;

    private final UUID userId;

    public UserAuthentication(UUID tenantId, UUID userId, Set<Role> roles) {
        super(tenantId, Actor.user(userId.toString()), roles, scopesFor(roles));
        this.userId = userId;
    }

    /** The authentication of a person whose account this is (its tenant, id and roles). */
    public static UserAuthentication of(Account account) {
        return new UserAuthentication(account.tenantId(), account.id(), account.roles());
    }

    /** The principal name sessions of the person with this id are indexed by. */
    public static String principalName(UUID userId) {
        return principalName(Actor.user(userId.toString()));
    }

    public UUID userId() {
        return userId;
    }

    /** What a person may do on top of their roles: read and write; admin for an ADMIN. */
    static Set<Scope> scopesFor(Set<Role> roles) {
        Set<Scope> scopes = EnumSet.of(Scope.READ, Scope.WRITE);
        if (roles.contains(Role.ADMIN)) {
            scopes.add(Scope.ADMIN);
        }
        return scopes;
    }
}
