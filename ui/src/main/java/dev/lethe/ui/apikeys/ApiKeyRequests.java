package dev.lethe.ui.apikeys;

import dev.lethe.catalog.apikey.Role;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The API-keys API's request and response bodies. */
final class ApiKeyRequests {

    private ApiKeyRequests() {}

    /**
     * {@code POST /api/v1/api-keys}. {@code scopes} are {@code read}, {@code write}, {@code admin}
     * (absent: read and write); {@code expiresAt} absent: the key does not expire.
     */
    record NewKey(String name, Set<Role> roles, Set<String> scopes, Instant expiresAt) {}

    /** Who a key acts for: a person of the tenant. */
    record Owner(UUID id, String displayName) {}

    /** A key as listed: never its secret or hash; {@code prefix} is how it starts. */
    record KeyView(
            UUID id,
            String name,
            String prefix,
            List<Role> roles,
            List<String> scopes,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            Owner owner) {}

    /** A key just made, with its secret in {@code key}: shown this once, stored only as a hash. */
    record CreatedKey(
            UUID id,
            String name,
            String prefix,
            List<Role> roles,
            List<String> scopes,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            Owner owner,
            String key) {

        static CreatedKey of(KeyView view, String key) {
            return new CreatedKey(
                    view.id(),
                    view.name(),
                    view.prefix(),
                    view.roles(),
                    view.scopes(),
                    view.createdAt(),
                    view.expiresAt(),
                    view.lastUsedAt(),
                    view.owner(),
                    key);
        }

        @Override
        public String toString() {
            return "CreatedKey[id=" + id + ", prefix=" + prefix + "]";
        }
    }
}
