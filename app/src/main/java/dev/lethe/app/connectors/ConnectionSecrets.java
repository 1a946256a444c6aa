package dev.lethe.app.connectors;

import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.WrappedDek;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Envelope encryption of a connection's secret settings, as the vault does it for its own keys: a fresh
 * 256-bit data key per sealing, AES-GCM over the settings as JSON (a random 96-bit nonce, tag 128 bits),
 * and the data key wrapped by the vault's KMS. Tenant and connection id are the associated data of
 * both, so sealed secrets copied to another row (or tenant) do not open. Rotation re-wraps only the data
 * key; the ciphertext stays. Thread-safe.
 */
final class ConnectionSecrets {

    /** Sealed settings: {@code ciphertext} is a format byte, the nonce and AES-GCM's output. */
    record Sealed(byte[] ciphertext, WrappedDek dataKey) {

        @Override
        public String toString() {
            return "Sealed[" + ciphertext.length + " bytes, " + dataKey + "]";
        }
    }

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> SETTINGS = new TypeReference<>() {};

    private final Kms kms;
    private final SecureRandom random = new SecureRandom();

    ConnectionSecrets(Kms kms) {
        this.kms = kms;
    }

    Sealed seal(UUID tenant, UUID connection, Map<String, String> secrets) {
        byte[] key = new byte[32];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(key);
        random.nextBytes(nonce);
        byte[] plaintext = JSON.writeValueAsBytes(new TreeMap<>(secrets));
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, tenant, connection);
            byte[] encrypted = cipher.doFinal(plaintext);
            byte[] sealed = ByteBuffer.allocate(1 + NONCE_BYTES + encrypted.length)
                    .put(FORMAT)
                    .put(nonce)
                    .put(encrypted)
                    .array();
            return new Sealed(sealed, kms.wrap(key, associatedData(tenant, connection)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** @throws IllegalStateException when the secrets do not open (tampered, moved, or the KEK version retired) */
    Map<String, String> open(UUID tenant, UUID connection, Sealed sealed) {
        byte[] data = sealed.ciphertext();
        if (data.length < 1 + NONCE_BYTES + TAG_BITS / 8 || data[0] != FORMAT) {
            throw new IllegalStateException("The stored secrets of connection " + connection + " are not sealed");
        }
        byte[] key = kms.unwrap(sealed.dataKey(), associatedData(tenant, connection));
        byte[] plaintext = null;
        try {
            Cipher cipher =
                    cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(data, 1, 1 + NONCE_BYTES), tenant, connection);
            plaintext = cipher.doFinal(data, 1 + NONCE_BYTES, data.length - 1 - NONCE_BYTES);
            return Map.copyOf(JSON.readValue(plaintext, SETTINGS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored secrets of connection " + connection + " do not open", e);
        } finally {
            Arrays.fill(key, (byte) 0);
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    /** The data key wrapped under the KMS's primary KEK version. */
    WrappedDek rewrap(UUID tenant, UUID connection, WrappedDek dataKey) {
        return kms.rewrap(dataKey, associatedData(tenant, connection));
    }

    int primaryKekVersion() {
        return kms.primaryVersion();
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, UUID tenant, UUID connection)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData(tenant, connection));
        return cipher;
    }

    static byte[] associatedData(UUID tenant, UUID connection) {
        return ("lethe-connection/v1/" + tenant + "/" + connection).getBytes(StandardCharsets.UTF_8);
    }
}
