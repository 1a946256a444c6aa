package dev.lethe.vault;

import java.util.Objects;
import java.util.Set;

/**
 * Who calls the vault: a user or a service, with its permissions (roles or API-key scopes, already
 * authenticated by the caller of the library).
 *
 * @param name stable identifier written to the audit trail, e.g. a user id or API key id
 * @param permissions granted permissions, see {@link VaultPermissions}
 */
public record Principal(String name, Set<String> permissions) {
    public Principal {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a principal has a name");
        }
        permissions = Set.copyOf(Objects.requireNonNull(permissions, "permissions"));
    }

    public boolean has(String permission) {
        return permissions.contains(permission);
    }
}
