package dev.lethe.workflows.request;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM under one key of the test, tenant and request bound as associated data (the app uses the KMS). */
final class TestSealing implements IdentitySealing {

    private final byte[] key = new byte[32];
    private final SecureRandom random = new SecureRandom();

    TestSealing() {
        random.nextBytes(key);
    }

    @Override
    public Sealed seal(UUID tenantId, UUID requestId, byte[] plaintext) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] encrypted = run(Cipher.ENCRYPT_MODE, nonce, tenantId, requestId, plaintext);
        return new Sealed(
                ByteBuffer.allocate(12 + encrypted.length)
                        .put(nonce)
                        .put(encrypted)
                        .array(),
                new byte[] {1},
                1);
    }

    @Override
    public byte[] open(UUID tenantId, UUID requestId, Sealed sealed) {
        byte[] data = sealed.ciphertext();
        return run(
                Cipher.DECRYPT_MODE,
                Arrays.copyOf(data, 12),
                tenantId,
                requestId,
                Arrays.copyOfRange(data, 12, data.length));
    }

    private byte[] run(int mode, byte[] nonce, UUID tenantId, UUID requestId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD((tenantId + "/" + requestId).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("does not open", e);
        }
    }
}
