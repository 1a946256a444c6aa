package dev.lethe.vault.audit;

import java.time.Instant;
import java.util.List;

/**
 * A detokenization call that revealed values.
 *
 * @param at when
 * @param tenant the tenant
 * @param actor the principal's name
 * @param purpose the stated purpose
 * @param requestId the caller's request id
 * @param accesses per kind and category; malformed tokens are not listed (nothing was revealed)
 */
public record TokensDetokenized(
        Instant at, String tenant, String actor, String purpose, String requestId, List<TokenAccess> accesses) {
    public TokensDetokenized {
        accesses = List.copyOf(accesses);
    }
}
