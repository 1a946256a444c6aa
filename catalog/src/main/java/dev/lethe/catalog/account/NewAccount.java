package dev.lethe.catalog.account;

import dev.lethe.catalog.apikey.Role;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What {@link Accounts#create} makes: a local account (invited, or active with a password hash) or
 * an account of an identity provider ({@code external} set, no password).
 *
 * @param passwordHash the PHC string of an Argon2id hash, or null
 * @param external the provider's issuer and subject, or null for a local account
 */
public record NewAccount(
        UUID tenantId,
        String email,
        String displayName,
        Set<Role> roles,
        AccountStatus status,
        String passwordHash,
        ExternalIdentity external) {

    public NewAccount {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(status, "status");
        roles = Set.copyOf(roles);
    }

    /** A person invited by an admin: no password yet, they choose one through their set-up link. */
    public static NewAccount invited(UUID tenantId, String email, String displayName, Set<Role> roles) {
        return new NewAccount(tenantId, email, displayName, roles, AccountStatus.INVITED, null, null);
    }

    @Override
    public String toString() {
        return "NewAccount[tenantId=" + tenantId + ", roles=" + roles + ", status=" + status + "]";
    }
}
