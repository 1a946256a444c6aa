package dev.lethe.vault.internal;

import dev.lethe.vault.Category;
import dev.lethe.vault.CategoryCatalog;
import dev.lethe.vault.InvalidInputException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of self-describing tokens: {@code <kind>_<label>_<base64url payload>}, e.g. {@code
 * tok_email_AX3f...}. URL-safe, without padding, and easy to find again in any data by its prefix.
 */
final class TokenText {
    static final String DETERMINISTIC = "tok";
    static final String HASH = "hsh";
    private static final Pattern SHAPE = Pattern.compile("(tok|hsh)_([a-z0-9]{1,16})_([A-Za-z0-9_-]{16,})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** A token split into its parts. */
    record Parsed(String kind, Category category, byte[] payload) {}

    private TokenText() {}

    static String format(String kind, Category category, byte[] payload) {
        return kind + "_" + category.label() + "_" + ENCODER.encodeToString(payload);
    }

    static Parsed parse(String token, CategoryCatalog catalog) {
        Matcher m = token == null ? null : SHAPE.matcher(token);
        if (m == null || !m.matches()) {
            throw new InvalidInputException("token", "not a vault token");
        }
        Category category = catalog.byLabel(m.group(2))
                .orElseThrow(() -> new InvalidInputException("token", "unknown category label"));
        byte[] payload;
        try {
            payload = DECODER.decode(m.group(3));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("token", "malformed token");
        }
        // Only the canonical encoding is a token: otherwise one token would have several spellings
        // (unused low bits of the last character) and stop matching itself in joins.
        if (!ENCODER.encodeToString(payload).equals(m.group(3))) {
            throw new InvalidInputException("token", "malformed token");
        }
        return new Parsed(m.group(1), category, payload);
    }
}
