package dev.lethe.vault.keys;

import java.util.HexFormat;
import java.util.Objects;

/**
 * Keyed hash (HMAC-SHA-256 under the tenant key) of a data subject's identifier, as 64 lowercase hex
 * characters. The key store holds only this, never the raw identifier; without the tenant key it
 * cannot be recomputed from a guessed identifier.
 */
public record SubjectHash(String hex) {
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    public SubjectHash {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != LENGTH * 2 || !hex.chars().allMatch(SubjectHash::isLowerHex)) {
            throw new IllegalArgumentException("a subject hash is 64 lowercase hex characters");
        }
    }

    public static SubjectHash fromBytes(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a subject hash is 32 bytes");
        }
        return new SubjectHash(HEX.formatHex(bytes));
    }

    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    @Override
    public String toString() {
        return hex;
    }

    private static boolean isLowerHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
