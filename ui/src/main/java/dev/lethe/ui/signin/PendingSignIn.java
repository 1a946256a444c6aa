package dev.lethe.ui.signin;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A sign-in half done, kept in the session between its steps: the password (or a set-up link)
 * was right, the second factor is still to come — a code, or enrolment for a person who has none
 * yet. Ids only; it expires after {@link #VALIDITY}.
 */
public record PendingSignIn(UUID tenantId, UUID userId, Instant startedAt, boolean enrolling) implements Serializable {

    /** The session attribute it is kept under. */
    public static final String ATTRIBUTE = "lethe.signin.pending";

    static final Duration VALIDITY = Duration.ofMinutes(10);

    public boolean expiredAt(Instant now) {
        return startedAt.plus(VALIDITY).isBefore(now);
    }
}
