package dev.lethe.bench.requests;

import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.WrappedDek;
import dev.lethe.workflows.request.IdentitySealing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A request's subject sealed as the application seals it: a fresh data key per request (AES-GCM,
 * tenant and request bound as associated data), wrapped by the KMS — here the vault's local KMS.
 */
final class KmsSealing implements IdentitySealing {

    private final Kms kms;
    private final SecureRandom random = new SecureRandom();

    KmsSealing(Kms kms) {
        this.kms = kms;
    }

    @Override
    public Sealed seal(UUID tenantId, UUID requestId, byte[] plaintext) {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        random.nextBytes(key);
        random.nextBytes(nonce);
        try {
            byte[] encrypted = run(Cipher.ENCRYPT_MODE, key, nonce, tenantId, requestId, plaintext);
            WrappedDek wrapped = kms.wrap(key, bound(tenantId, requestId));
            return new Sealed(
                    ByteBuffer.allocate(12 + encrypted.length)
                            .put(nonce)
                            .put(encrypted)
                            .array(),
                    wrapped.ciphertext(),
                    wrapped.kekVersion());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public byte[] open(UUID tenantId, UUID requestId, Sealed sealed) {
        byte[] key = kms.unwrap(new WrappedDek(sealed.kekVersion(), sealed.wrappedKey()), bound(tenantId, requestId));
        byte[] data = sealed.ciphertext();
        try {
            return run(
                    Cipher.DECRYPT_MODE,
                    key,
                    Arrays.copyOf(data, 12),
                    tenantId,
                    requestId,
                    Arrays.copyOfRange(data, 12, data.length));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] bound(UUID tenantId, UUID requestId) {
        return (tenantId + "/" + requestId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] run(int mode, byte[] key, byte[] nonce, UUID tenantId, UUID requestId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(bound(tenantId, requestId));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the subject does not open", e);
        }
    }
}
