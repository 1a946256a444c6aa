package dev.lethe.vault.internal;

import dev.lethe.vault.Category;
import dev.lethe.vault.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Format-preserving tokens: FF1 (NIST SP 800-38G, Bouncy Castle) over the value's decimal digits, radix
 * 10, under the subject's key with the category name as tweak. Every non-digit character (letters,
 * {@code +}, spaces, dashes, brackets) stays where it was; a card keeps its last {@link
 * Category#keepLastDigits()} digits. FF1 needs at least 6 encrypted digits (a domain of 10^6 values);
 * shorter values are rejected rather than weakly protected.
 */
final class FormatPreservingTokens {
    static final int MIN_DIGITS = 6;
    private static final int RADIX = 10;

    private FormatPreservingTokens() {}

    static String tokenize(DataKey key, Category category, String value) {
        return transform(key, category, value, true);
    }

    static String detokenize(DataKey key, Category category, String token) {
        return transform(key, category, token, false);
    }

    private static String transform(DataKey key, Category category, String text, boolean encrypt) {
        String field = encrypt ? "value" : "token";
        if (!category.format().isDigitBased()) {
            throw new InvalidInputException("kind", "format-preserving tokens need a digit-based category");
        }
        byte[] digits = digitsOf(text);
        int keep = category.keepLastDigits();
        int n = digits.length - keep;
        if (n < MIN_DIGITS) {
            throw new InvalidInputException(field, "too few digits for a format-preserving token");
        }
        return withDigits(text, Ff1.apply(encrypt, key.ff1Key(), RADIX, tweak(category), digits, n));
    }

    private static byte[] tweak(Category category) {
        return ("lethe-vault/v1/ff1/" + category.name()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] digitsOf(String text) {
        byte[] digits = new byte[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits[n++] = (byte) (c - '0');
            }
        }
        return Arrays.copyOf(digits, n);
    }

    private static String withDigits(String template, byte[] digits) {
        StringBuilder out = new StringBuilder(template.length());
        int next = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            out.append(c >= '0' && c <= '9' ? (char) ('0' + digits[next++]) : c);
        }
        return out.toString();
    }
}
