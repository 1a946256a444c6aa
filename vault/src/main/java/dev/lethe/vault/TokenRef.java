package dev.lethe.vault;

/**
 * A token to turn back into its value.
 *
 * @param token the token
 * @param subject only for format-preserving tokens, which carry nothing but the disguised value: the
 *     subject it was minted for (null for tenant-level ones); ignored for deterministic tokens
 * @param category only for format-preserving tokens: their category name; ignored otherwise
 */
public record TokenRef(String token, String subject, String category) {
    /** A self-describing (deterministic, {@code tok_...}) token. */
    public static TokenRef of(String token) {
        return new TokenRef(token, null, null);
    }

    /** A format-preserving token, with the context it was minted in. */
    public static TokenRef formatPreserving(String token, String subject, String category) {
        return new TokenRef(token, subject, category);
    }

    @Override
    public String toString() {
        return "TokenRef[category=" + category + "]";
    }
}
