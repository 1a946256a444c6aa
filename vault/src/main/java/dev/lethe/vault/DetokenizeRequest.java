package dev.lethe.vault;

import java.util.List;

/**
 * Tokens to reveal, in one audited call (a batch for exports, or a single token).
 *
 * @param tenant the tenant the tokens were minted in
 * @param purpose why (e.g. {@code dsar-export}); required, 1-64 characters of letters, digits and
 *     {@code . _ : -}, written to the audit trail
 * @param requestId the caller's request id, written to the audit trail; required
 * @param tokens the tokens, at most the vault's batch limit
 */
public record DetokenizeRequest(String tenant, String purpose, String requestId, List<TokenRef> tokens) {
    public DetokenizeRequest {
        tokens = tokens == null ? null : List.copyOf(tokens);
    }

    public static DetokenizeRequest single(String tenant, TokenRef token, String purpose, String requestId) {
        return new DetokenizeRequest(tenant, purpose, requestId, List.of(token));
    }
}
