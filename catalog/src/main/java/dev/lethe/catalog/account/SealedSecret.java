package dev.lethe.catalog.account;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret wrapped by the KMS's key-encryption key (the TOTP secret): the KEK version that wrapped
 * it and the opaque ciphertext. The catalog stores it; only the web tier, which holds the KMS,
 * unwraps it.
 */
public record SealedSecret(int kekVersion, byte[] ciphertext) {

    public SealedSecret {
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedSecret sealed
                && kekVersion == sealed.kekVersion
                && Arrays.equals(ciphertext, sealed.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * kekVersion + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedSecret[kekVersion=" + kekVersion + "]";
    }
}
