package dev.lethe.ui.connectors.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** What is stored of a callback token: its SHA-256 (the token itself is 256 random bits, so no salt or stretching is needed). */
final class CallbackTokens {

    private CallbackTokens() {}

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether {@code token} has the form of one we issue (43 URL-safe Base64 characters). */
    static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{43}");
    }
}
