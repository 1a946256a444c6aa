package dev.lethe.vault.keys;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Random identifier of one data key, 16 bytes written as 32 lowercase hex characters.
 *
 * <p>It is random rather than derived from the subject so that a token, which carries it (encrypted),
 * says nothing about who the subject is, and so that a key created after a shred gets a new id.
 */
public record KeyId(String hex) implements Comparable<KeyId> {
    public static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public KeyId {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != LENGTH * 2 || !hex.chars().allMatch(KeyId::isLowerHex)) {
            throw new IllegalArgumentException("a key id is 32 lowercase hex characters");
        }
    }

    public static KeyId random() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return fromBytes(bytes);
    }

    public static KeyId fromBytes(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a key id is 16 bytes");
        }
        return new KeyId(HEX.formatHex(bytes));
    }

    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    @Override
    public int compareTo(KeyId other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }

    private static boolean isLowerHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
