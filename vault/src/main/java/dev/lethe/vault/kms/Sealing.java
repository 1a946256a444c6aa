package dev.lethe.vault.kms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of one row's value at rest, as the vault does it for its own keys: a fresh
 * 256-bit data key per sealing, AES-GCM over the value (a random 96-bit nonce, tag 128 bits), and the
 * data key wrapped by the vault's KMS. The associated data of both is a label naming what is sealed
 * (connection secrets, a pending operation's result), the tenant and the row id, so a sealed value
 * copied to another row, tenant or kind of row does not open. Rotation re-wraps only the data key;
 * the ciphertext stays. Thread-safe.
 */
public final class Sealing {

    /** A sealed value: {@code ciphertext} is a format byte, the nonce and AES-GCM's output. */
    public record SealedBox(byte[] ciphertext, WrappedDek dataKey) {

        public SealedBox {
            Objects.requireNonNull(ciphertext, "ciphertext");
            Objects.requireNonNull(dataKey, "dataKey");
        }

        @Override
        public String toString() {
            return "SealedBox[" + ciphertext.length + " bytes, " + dataKey + "]";
        }
    }

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Kms kms;
    private final String label;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param label what is sealed, part of the associated data (e.g. {@code lethe-connection/v1}); two
     *     uses with different labels cannot open each other's values
     */
    public Sealing(Kms kms, String label) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.label = Objects.requireNonNull(label, "label");
    }

    /** Seals {@code plaintext} for the row; the caller may clear its copy afterwards. */
    public SealedBox seal(UUID tenant, UUID row, byte[] plaintext) {
        byte[] key = new byte[32];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(key);
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, tenant, row);
            byte[] encrypted = cipher.doFinal(plaintext);
            byte[] sealed = ByteBuffer.allocate(1 + NONCE_BYTES + encrypted.length)
                    .put(FORMAT)
                    .put(nonce)
                    .put(encrypted)
                    .array();
            return new SealedBox(sealed, kms.wrap(key, associatedData(tenant, row)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The row's plaintext; the caller should clear it once used.
     *
     * @throws IllegalStateException when the value does not open (tampered, moved, or the KEK version retired)
     */
    public byte[] open(UUID tenant, UUID row, SealedBox sealed) {
        byte[] data = sealed.ciphertext();
        if (data.length < 1 + NONCE_BYTES + TAG_BITS / 8 || data[0] != FORMAT) {
            throw new IllegalStateException("The stored values of " + label + " row " + row + " are not sealed");
        }
        byte[] key = kms.unwrap(sealed.dataKey(), associatedData(tenant, row));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(data, 1, 1 + NONCE_BYTES), tenant, row);
            return cipher.doFinal(data, 1 + NONCE_BYTES, data.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored values of " + label + " row " + row + " do not open", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The data key wrapped under the KMS's primary KEK version. */
    public WrappedDek rewrap(UUID tenant, UUID row, WrappedDek dataKey) {
        return kms.rewrap(dataKey, associatedData(tenant, row));
    }

    public int primaryKekVersion() {
        return kms.primaryVersion();
    }

    private Cipher cipher(int mode, byte[] key, byte[] nonce, UUID tenant, UUID row) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData(tenant, row));
        return cipher;
    }

    byte[] associatedData(UUID tenant, UUID row) {
        return (label + "/" + tenant + "/" + row).getBytes(StandardCharsets.UTF_8);
    }
}
