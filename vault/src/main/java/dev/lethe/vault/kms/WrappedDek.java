package dev.lethe.vault.kms;

import java.util.Arrays;
import java.util.Objects;

/**
 * A data key wrapped by a KMS key-encryption key.
 *
 * @param kekVersion the KEK version that wrapped it (KMS-specific numbering, unique per KEK)
 * @param ciphertext opaque KMS ciphertext
 */
public record WrappedDek(int kekVersion, byte[] ciphertext) {
    public WrappedDek {
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedDek w && kekVersion == w.kekVersion && Arrays.equals(ciphertext, w.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * kekVersion + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "WrappedDek[kekVersion=" + kekVersion + ", " + ciphertext.length + " bytes]";
    }
}
