package dev.lethe.catalog.apikey;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key as the platform knows it: never the key itself, which is only stored hashed. A request
 * needs both a role that allows the operation and the scope for its kind ({@link Scope}).
 *
 * @param ownerId the person the key acts for (it ends when they are disabled); null for the bootstrap
 *     key and keys made by services
 * @param expiresAt null for a key that does not expire
 * @param lastUsedAt when the key was last used, to the minute; null if never
 */
public record ApiKey(
        UUID id,
        UUID tenantId,
        String name,
        String prefix,
        Set<Role> roles,
        Set<Scope> scopes,
        UUID ownerId,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt) {

    public ApiKey {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /** Whether the key has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
