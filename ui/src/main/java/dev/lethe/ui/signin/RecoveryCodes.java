package dev.lethe.ui.signin;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One-time codes for a lost second factor: {@value #COUNT} of them, each 16 characters of base32
 * (80 random bits) in groups of four ({@code ABCD-EFGH-JKMN-PQRS}). Shown once at enrolment;
 * stored only as SHA-256, which 80 random bits make safe. Thread-safe.
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int LENGTH = 16;

    private final SecureRandom random = new SecureRandom();

    public List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder(LENGTH + 3);
            for (int c = 0; c < LENGTH; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return List.copyOf(codes);
    }

    /**
     * A code as typed (any case, with or without dashes and spaces) in its stored form; empty when it
     * cannot be a recovery code (so a TOTP code is never mistaken for one).
     */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String plain = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (plain.length() != LENGTH || !plain.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(String.join(
                "-", plain.substring(0, 4), plain.substring(4, 8), plain.substring(8, 12), plain.substring(12)));
    }
}
