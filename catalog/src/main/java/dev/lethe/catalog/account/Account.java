package dev.lethe.catalog.account;

import dev.lethe.catalog.apikey.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A person's account in one tenant, as stored: never a password, only its Argon2id hash, and the
 * TOTP secret only sealed. {@link #toString()} leaves out the e-mail address, the name and the
 * secrets, so an account in a log line names no one.
 *
 * @param passwordHash the PHC string of the password's hash, null until a password is chosen (and
 *     for accounts that sign in through an identity provider only)
 * @param totpSecret the sealed TOTP secret, null when no second factor is enrolled or one is pending
 * @param totpConfirmedAt when the second factor was confirmed with a first code; null while pending
 * @param lockedUntil sign-in is refused until then after repeated failures; null when not locked
 * @param external the identity provider's issuer and subject, null for a local account
 */
public record Account(
        UUID id,
        UUID tenantId,
        String email,
        String displayName,
        Set<Role> roles,
        AccountStatus status,
        String passwordHash,
        SealedSecret totpSecret,
        Instant totpConfirmedAt,
        int failedAttempts,
        Instant lockedUntil,
        Instant lastSignInAt,
        Instant createdAt,
        ExternalIdentity external) {

    public Account {
        roles = Set.copyOf(roles);
    }

    /** True when a second factor is enrolled and confirmed, so sign-in asks for a code. */
    public boolean hasSecondFactor() {
        return totpSecret != null && totpConfirmedAt != null;
    }

    /** True when sign-in is refused at {@code now} because of earlier failures. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", tenantId=" + tenantId + ", roles=" + roles + ", status=" + status + "]";
    }
}
