package dev.lethe.app.vault;

import dev.lethe.app.security.ApiKeyAuthentication;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.vault.Principal;
import dev.lethe.vault.VaultPermissions;
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
record VaultCaller(String tenant, Principal principal) {

    static final String API_KEY_PREFIX = "api-key:";

    static VaultCaller of(ApiKeyAuthentication authentication) {
        var key = authentication.apiKey();
        Set<Role> roles = key.roles();
        Set<String> permissions = roles.contains(Role.PRIVACY_OFFICER) || roles.contains(Role.ADMIN)
                ? Set.of(VaultPermissions.DETOKENIZE)
                : Set.of();
        return new VaultCaller(key.tenantId().toString(), new Principal(API_KEY_PREFIX + key.id(), permissions));
    }
}
