package dev.lethe.ui.users;

import dev.lethe.catalog.apikey.Role;
import java.time.Instant;
import java.util.Set;

/** The users API's request and response bodies. */
public final class UserRequests {

    private UserRequests() {}

    /** {@code POST /api/v1/users}: invite a person, who chooses their password through the link. */
    public record Invitation(String email, String displayName, Set<Role> roles) {}

    /** The invited person and their set-up link, shown once. */
    public record Invited(UserView user, String setupLink, Instant setupLinkExpiresAt) {}

    /**
     * {@code POST /api/v1/users/{id}/password-reset}: the person whose password was reset and the one-time
     * link with which they choose a new one, shown once.
     */
    public record PasswordReset(UserView user, String setupLink, Instant setupLinkExpiresAt) {}

    /**
     * {@code PUT /api/v1/users/{id}}: what to change; absent fields stay. {@code status} is ACTIVE or
     * DISABLED; {@code resetSecondFactor} makes the person enrol a new one at their next sign-in.
     */
    record Change(String displayName, Set<Role> roles, String status, Boolean resetSecondFactor) {}
}
