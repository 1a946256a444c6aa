package dev.lethe.ui.security;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.audit.Actor;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Whoever a request is authenticated as — an API key, a signed-in person, a service with a bearer
 * token — seen the same way by every controller: a tenant, an actor for the audit trail, roles and
 * scopes. Its authorities are the roles as {@code ROLE_<role>} and the scopes as
 * {@code SCOPE_<scope>}, so the filter chains' rules hold whatever the way in.
 */
public abstract class LetheAuthentication extends AbstractAuthenticationToken {

    private final UUID tenantId;
    private final Actor actor;
    private final Set<Role> roles;
    private final Set<Scope> scopes;

    // Setting the flag calls an overridable method of Spring's; it reads no state of a subclass.
    @SuppressWarnings("this-escape")
    protected LetheAuthentication(UUID tenantId, Actor actor, Set<Role> roles, Set<Scope> scopes) {
        super(Stream.concat(
                        roles.stream().map(role -> "ROLE_" + role.name()),
                        scopes.stream().map(LetheAuthentication::authority))
                .map(SimpleGrantedAuthority::new)
                .toList());
        this.tenantId = tenantId;
        this.actor = actor;
        this.roles = Set.copyOf(roles);
        this.scopes = Set.copyOf(scopes);
        super.setAuthenticated(true);
    }

    /** The authority that stands for a scope: {@code SCOPE_read}, {@code SCOPE_write}, {@code SCOPE_admin}. */
    public static String authority(Scope scope) {
        return "SCOPE_" + scope.code();
    }

    public final UUID tenantId() {
        return tenantId;
    }

    public final Actor actor() {
        return actor;
    }

    public final Set<Role> roles() {
        return roles;
    }

    public final Set<Scope> scopes() {
        return scopes;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    /** The principal's name, {@code <kind>:<id>} ({@code api-key:…}, {@code user:…}): sessions and the vault key on it. */
    @Override
    public Object getPrincipal() {
        return principalName(actor);
    }

    public static String principalName(Actor actor) {
        return principalPrefix(actor.kind()) + actor.id();
    }

    /** What every principal name of this kind of actor starts with. */
    public static String principalPrefix(Actor.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + ":";
    }
}
