package dev.lethe.vault;

/** How a value is protected. Chosen per data category by a protection policy. */
public enum TokenKind {
    /**
     * Same value, subject and category give the same token ({@code tok_<label>_...}), so joins and
     * counts keep working; reversible through the vault until the subject is erased.
     */
    DETERMINISTIC,
    /** FF1: the token looks like the value (same length, separators kept); reversible through the vault. */
    FORMAT_PRESERVING,
    /** A partial display form such as {@code j***@e***.com}; irreversible. */
    MASK,
    /** Keyed HMAC-SHA-256 under the tenant key ({@code hsh_<label>_...}); irreversible, still joinable. */
    HASH,
    /** The value is removed. */
    REDACT;

    /** Whether the vault can turn such a token back into the value. */
    public boolean isReversible() {
        return this == DETERMINISTIC || this == FORMAT_PRESERVING;
    }
}
