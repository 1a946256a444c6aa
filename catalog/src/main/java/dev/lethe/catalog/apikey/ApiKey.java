package dev.lethe.catalog.apikey;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An API key as the platform knows it: never the key itself, which is only stored hashed. */
public record ApiKey(UUID id, UUID tenantId, String name, String prefix, Set<Role> roles, Instant expiresAt) {

    public ApiKey {
        roles = Set.copyOf(roles);
    }
}
