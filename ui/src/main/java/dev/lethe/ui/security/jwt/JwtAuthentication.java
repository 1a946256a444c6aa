package dev.lethe.ui.security.jwt;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.ui.security.LetheAuthentication;
import java.util.Set;
import java.util.UUID;

/**
 * A request authenticated by a JWT access token of the configured issuer. The actor is the token's
 * subject as an API-key-kind actor with the id {@code jwt:<sub>}: a service is audited, and treated
 * by the vault and four-eyes rules, like an integration's key.
 */
public final class JwtAuthentication extends LetheAuthentication {

    private final String subject;

    JwtAuthentication(UUID tenantId, String subject, Set<Role> roles, Set<Scope> scopes) {
        super(tenantId, Actor.apiKey("jwt:" + subject), roles, scopes);
        this.subject = subject;
    }

    /** The token's {@code sub}. */
    public String subject() {
        return subject;
    }
}
