package dev.lethe.ui.signin;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a new password must be, after NIST SP 800-63B (5.1.1.2): long enough, not too long to hash,
 * not on the list of common passwords, not one character repeated or a run like {@code 12345678},
 * and not built from the person's own e-mail address or name or the product's name. No composition
 * rules (no "one digit and one symbol"), no expiry: those make passwords worse, not better. Passwords
 * are compared in Unicode normal form NFKC, as 800-63B asks, and their length counted in code points.
 */
public final class PasswordPolicy {

    /** NIST's floor for a password used with a second factor; Lethe's default is higher. */
    public static final int SMALLEST_MINIMUM = 8;

    /** Long enough for any pass phrase, short enough that hashing stays cheap. */
    public static final int MAXIMUM = 128;

    private static final List<String> PRODUCT_WORDS = List.of("lethe");

    private final int minimumLength;
    private final CommonPasswords common;

    PasswordPolicy(int minimumLength, CommonPasswords common) {
        if (minimumLength < SMALLEST_MINIMUM || minimumLength > MAXIMUM) {
            throw new IllegalArgumentException(
                    "The minimum password length must be between " + SMALLEST_MINIMUM + " and " + MAXIMUM);
        }
        this.minimumLength = minimumLength;
        this.common = common;
    }

    /** The policy with the bundled list of common passwords. */
    public static PasswordPolicy withMinimumLength(int minimumLength) {
        return new PasswordPolicy(minimumLength, CommonPasswords.bundled());
    }

    public int minimumLength() {
        return minimumLength;
    }

    /** The password as it is hashed and compared: Unicode NFKC. */
    public static String normalise(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /**
     * Why this password is refused for the person with this e-mail address and name, in words for them;
     * empty when it is acceptable. Never repeats the password.
     */
    public Optional<String> problem(String password, String email, String displayName) {
        String normalised = normalise(password);
        int length = normalised.codePointCount(0, normalised.length());
        if (length < minimumLength) {
            return Optional.of("Choose a password of at least " + minimumLength + " characters.");
        }
        if (length > MAXIMUM) {
            return Optional.of("Choose a password of at most " + MAXIMUM + " characters.");
        }
        String lower = normalised.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return Optional.of("This password is one of the most commonly used ones. Choose another.");
        }
        if (repetitiveOrSequential(lower)) {
            return Optional.of("This password is a repeated character or a simple sequence. Choose another.");
        }
        for (String word : contextWords(email, displayName)) {
            if (lower.equals(word) || (word.length() >= 4 && lower.contains(word) && length - word.length() < 8)) {
                return Optional.of(
                        "This password is too close to your e-mail address, your name or the product's name.");
            }
        }
        return Optional.empty();
    }

    /** One character repeated, or a run going up or down by one (abcdefgh, 87654321). */
    static boolean repetitiveOrSequential(String password) {
        int[] points = password.codePoints().toArray();
        if (points.length < 2) {
            return true;
        }
        int step = points[1] - points[0];
        if (Math.abs(step) > 1) {
            return false;
        }
        for (int i = 2; i < points.length; i++) {
            if (points[i] - points[i - 1] != step) {
                return false;
            }
        }
        return true;
    }

    private static List<String> contextWords(String email, String displayName) {
        List<String> words = new ArrayList<>(PRODUCT_WORDS);
        if (email != null && !email.isBlank()) {
            String lower = email.strip().toLowerCase(Locale.ROOT);
            words.add(lower);
            int at = lower.indexOf('@');
            if (at > 0) {
                words.add(lower.substring(0, at));
            }
        }
        if (displayName != null && !displayName.isBlank()) {
            String lower = normalise(displayName).strip().toLowerCase(Locale.ROOT);
            words.add(lower.replace(" ", ""));
            for (String part : lower.split("\\s+")) {
                if (part.length() >= 4) {
                    words.add(part);
                }
            }
        }
        return words;
    }
}
