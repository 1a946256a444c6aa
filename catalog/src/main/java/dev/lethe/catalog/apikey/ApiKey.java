package dev.lethe.catalog.apikey;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key as the platform knows it: never the key itself, which is only stored hashed. A request
 * needs both a role that allows the operation and the scope for its kind ({@link Scope}).
 */
public record ApiKey(
        UUID id, UUID tenantId, String name, String prefix, Set<Role> roles, Set<Scope> scopes, Instant expiresAt) {

    public ApiKey {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }
}
