package dev.lethe.catalog.apikey;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A key to make with a fresh secret ({@link ApiKeys#create(NewApiKey)}).
 *
 * @param ownerId the person the key acts for; null for a key of no one (a service's)
 * @param expiresAt null for a key that does not expire
 */
public record NewApiKey(
        UUID tenantId, String name, Set<Role> roles, Set<Scope> scopes, UUID ownerId, Instant expiresAt) {

    public NewApiKey {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }
}
