package dev.lethe.ui.signin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) as every authenticator app makes
 * them: HMAC-SHA1, 6 digits, 30-second steps, a 160-bit secret. A code is accepted in its own step
 * and one step either side, for clocks that drift; {@link #matchingStep} answers which step matched,
 * so the caller can refuse a step it accepted before (no replay). Thread-safe.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    static final int SECRET_BYTES = 20;
    private static final int WINDOW = 1;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private final SecureRandom random = new SecureRandom();

    public byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    /** The time step an instant falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for a step (RFC 4226 dynamic truncation), zero-padded to {@value #DIGITS} digits. */
    public static String code(byte[] secret, long step) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
        int offset = hash[hash.length - 1] & 0xf;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        return String.format("%0" + DIGITS + "d", binary % POWERS[DIGITS]);
    }

    /**
     * The step whose code this is, within one step of {@code now}; empty when none matches or the
     * code is not {@value #DIGITS} digits. Spaces are ignored; codes are compared in constant time.
     */
    public static OptionalLong matchingStep(byte[] secret, String code, Instant now) {
        if (code == null) {
            return OptionalLong.empty();
        }
        String given = code.replace(" ", "");
        if (given.length() != DIGITS || !given.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long current = step(now);
        OptionalLong matched = OptionalLong.empty();
        for (long step = current - WINDOW; step <= current + WINDOW; step++) {
            boolean same = MessageDigest.isEqual(
                    code(secret, step).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
            if (same && matched.isEmpty()) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }

    /**
     * The {@code otpauth://} URI that authenticator apps read from the enrolment QR code. The label
     * names the issuer and the account (the person's e-mail address); it is shown only to them.
     */
    public static String otpauthUri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    /** The secret as people type it into an app that cannot scan: base32 in groups of four. */
    public static String manualKey(byte[] secret) {
        String encoded = Base32.encode(secret);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < encoded.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(encoded, i, Math.min(i + 4, encoded.length()));
        }
        return grouped.toString();
    }

    /** The secret back from its {@link #manualKey} form (what a person types into an app). */
    public static byte[] secretOfManualKey(String manualKey) {
        return Base32.decode(manualKey);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
