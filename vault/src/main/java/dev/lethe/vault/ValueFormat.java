package dev.lethe.vault;

/**
 * The shape of a category's values, which decides how they are masked and whether (and how) they can be
 * tokenized format-preservingly.
 */
public enum ValueFormat {
    /** {@code local@domain.tld}; masked as {@code j***@e***.com}; no format-preserving tokens. */
    EMAIL,
    /** Payment card number: digits encrypted, separators kept, optionally the last four kept. */
    CARD,
    /** Phone number: digits encrypted, {@code +}, spaces, dashes and brackets kept in place. */
    PHONE,
    /**
     * National or other government id: digits encrypted; letters and separators kept in place (so check
     * letters and prefixes stay as they were, and the digits no longer match them).
     */
    NATIONAL_ID,
    /** Free text such as a name or an address; masked to its first character; no format-preserving tokens. */
    TEXT;

    /** Whether {@link TokenKind#FORMAT_PRESERVING} applies to values of this format. */
    public boolean isDigitBased() {
        return this == CARD || this == PHONE || this == NATIONAL_ID;
    }
}
