package dev.lethe.ui.vault;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.vault.Principal;
import dev.lethe.vault.VaultPermissions;
import java.util.List;
import java.util.Set;

/**
 * Who calls the vault over REST, and what the caller's roles allow. The rules (also in docs/security.md):
 *
 * <ul>
 *   <li>tokenize: ENGINEER, ADMIN (engineers protect their pipelines' data; checked by the controller);
 *   <li>detokenize: PRIVACY_OFFICER, ADMIN, who get {@link VaultPermissions#DETOKENIZE}; the vault itself
 *       refuses everyone else, so the refusal is in the audit trail;
 *   <li>shred: PRIVACY_OFFICER, ADMIN;
 *   <li>KEK rotation: ADMIN of the default tenant only (it concerns every tenant).
 * </ul>
 *
 * <p>The vault's tenant is the API key's tenant id; callers never name a tenant.
 */
public record VaultCaller(String tenant, Principal principal) {

    static VaultCaller of(LetheAuthentication authentication) {
        Set<Role> roles = authentication.roles();
        Set<String> permissions = roles.contains(Role.PRIVACY_OFFICER) || roles.contains(Role.ADMIN)
                ? Set.of(VaultPermissions.DETOKENIZE)
                : Set.of();
        return new VaultCaller(
                authentication.tenantId().toString(),
                new Principal(LetheAuthentication.principalName(authentication.actor()), permissions));
    }

    /** The actor behind a vault principal's name; anything else is a part of the system. */
    public static Actor actorOf(String principalName) {
        for (Actor.Kind kind : List.of(Actor.Kind.API_KEY, Actor.Kind.USER)) {
            String prefix = LetheAuthentication.principalPrefix(kind);
            if (principalName.startsWith(prefix)) {
                return new Actor(kind, principalName.substring(prefix.length()));
            }
        }
        return Actor.system(principalName);
    }
}
