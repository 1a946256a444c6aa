package dev.lethe.ui.api;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.Editor;
import dev.lethe.ui.security.LetheAuthentication;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;

/**
 * Who calls the catalog API: the tenant comes from the caller's credentials (API key, sign-in, token), never from the request.
 * Role sets for writes are declared by each controller.
 */
public final class Caller {

    /** Systems, datasets, fields and flows: the engineers who run them, and privacy officers. */
    public static final Set<Role> DATA_MAP_WRITERS = Set.of(Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN);

    /** Taxonomy, processing activities, retention and legal holds: privacy decisions. */
    public static final Set<Role> PRIVACY_WRITERS = Set.of(Role.PRIVACY_OFFICER, Role.ADMIN);

    private Caller() {}

    public static UUID tenant(Authentication authentication) {
        return key(authentication).tenantId();
    }

    /** The editor for a write, after checking that the key has one of {@code roles}. */
    public static Editor editor(Authentication authentication, Set<Role> roles) {
        LetheAuthentication key = key(authentication);
        if (key.roles().stream().noneMatch(roles::contains)) {
            throw new ForbiddenException(roles);
        }
        return new Editor(key.tenantId(), key.actor());
    }

    private static LetheAuthentication key(Authentication authentication) {
        if (authentication instanceof LetheAuthentication key) {
            return key;
        }
        throw new ForbiddenException(Set.of());
    }

    /** The caller's key lacks the role for this write. */
    public static final class ForbiddenException extends RuntimeException {

        ForbiddenException(Set<Role> roles) {
            super(
                    roles.isEmpty()
                            ? "The catalog API needs an API key"
                            : "This change needs one of the roles "
                                    + roles.stream().sorted().toList());
        }
    }
}
