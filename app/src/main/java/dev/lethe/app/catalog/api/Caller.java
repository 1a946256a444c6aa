package dev.lethe.app.catalog.api;

import dev.lethe.app.security.ApiKeyAuthentication;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.change.Editor;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;

/**
 * Who calls the catalog API: the tenant comes from the API key, never from the request.
 * Role sets for writes are declared by each controller.
 */
public final class Caller {

    /** Systems, datasets, fields and flows: the engineers who run them, and privacy officers. */
    public static final Set<Role> DATA_MAP_WRITERS = Set.of(Role.ENGINEER, Role.PRIVACY_OFFICER, Role.ADMIN);

    /** Taxonomy, processing activities, retention and legal holds: privacy decisions. */
    public static final Set<Role> PRIVACY_WRITERS = Set.of(Role.PRIVACY_OFFICER, Role.ADMIN);

    private Caller() {}

    public static UUID tenant(Authentication authentication) {
        return key(authentication).apiKey().tenantId();
    }

    /** The editor for a write, after checking that the key has one of {@code roles}. */
    public static Editor editor(Authentication authentication, Set<Role> roles) {
        ApiKeyAuthentication key = key(authentication);
        if (key.apiKey().roles().stream().noneMatch(roles::contains)) {
            throw new ForbiddenException(roles);
        }
        return new Editor(
                key.apiKey().tenantId(), Actor.apiKey(key.apiKey().id().toString()));
    }

    private static ApiKeyAuthentication key(Authentication authentication) {
        if (authentication instanceof ApiKeyAuthentication key) {
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
