package dev.lethe.ui.users;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.apikey.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person's account as the users API shows it: never a hash or a secret, only whether a second factor
 * is enrolled and whether sign-in is paused.
 */
public record UserView(
        UUID id,
        String email,
        String displayName,
        List<Role> roles,
        String status,
        boolean secondFactor,
        boolean locked,
        boolean singleSignOn,
        Instant lastSignInAt,
        Instant createdAt) {

    static UserView of(Account account) {
        return new UserView(
                account.id(),
                account.email(),
                account.displayName(),
                account.roles().stream().sorted().toList(),
                account.status().name(),
                account.hasSecondFactor(),
                account.lockedAt(Instant.now()),
                account.external() != null,
                account.lastSignInAt(),
                account.createdAt());
    }
}
