package dev.lethe.workflows.crash;

import dev.lethe.catalog.audit.CheckpointSigner;
import dev.lethe.workflows.request.IdentitySealing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys the test and every worker process share, as files in one directory (the vault's local
 * KMS keyset lives there too): an AES key that seals request subjects (the application seals them
 * with its KMS) and the Ed25519 audit signing key that really signs receipts.
 */
final class SharedKeys {

    private static final String SEALING = "sealing.key";
    private static final String PRIVATE = "signing.key";
    private static final String PUBLIC = "signing.pub";

    private final byte[] sealingKey;
    private final PrivateKey signingKey;
    private final PublicKey publicKey;
    private final String keyId;

    private SharedKeys(byte[] sealingKey, PrivateKey signingKey, PublicKey publicKey, String keyId) {
        this.sealingKey = sealingKey;
        this.signingKey = signingKey;
        this.publicKey = publicKey;
        this.keyId = keyId;
    }

    /** Makes the keys once, for the test (the parent process). */
    static SharedKeys create(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        byte[] sealing = new byte[32];
        new SecureRandom().nextBytes(sealing);
        Files.write(dir.resolve(SEALING), sealing);
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.write(dir.resolve(PRIVATE), pair.getPrivate().getEncoded());
        Files.write(dir.resolve(PUBLIC), pair.getPublic().getEncoded());
        return read(dir);
    }

    static SharedKeys read(Path dir) {
        try {
            KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
            byte[] encodedPublic = Files.readAllBytes(dir.resolve(PUBLIC));
            return new SharedKeys(
                    Files.readAllBytes(dir.resolve(SEALING)),
                    ed25519.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve(PRIVATE)))),
                    ed25519.generatePublic(new X509EncodedKeySpec(encodedPublic)),
                    "crash-" + UUID.nameUUIDFromBytes(encodedPublic));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the shared keys do not load", e);
        }
    }

    String keyId() {
        return keyId;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    CheckpointSigner signer() {
        return new CheckpointSigner() {
            @Override
            public String keyId() {
                return keyId;
            }

            @Override
            public byte[] sign(byte[] message) {
                try {
                    Signature signature = Signature.getInstance("Ed25519");
                    signature.initSign(signingKey);
                    signature.update(message);
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("signing failed", e);
                }
            }
        };
    }

    /** AES-GCM under the shared key, tenant and request bound as associated data. */
    IdentitySealing sealing() {
        return new IdentitySealing() {
            @Override
            public Sealed seal(UUID tenantId, UUID requestId, byte[] plaintext) {
                byte[] nonce = new byte[12];
                new SecureRandom().nextBytes(nonce);
                byte[] encrypted = aes(Cipher.ENCRYPT_MODE, nonce, tenantId, requestId, plaintext);
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
                return aes(
                        Cipher.DECRYPT_MODE,
                        Arrays.copyOf(data, 12),
                        tenantId,
                        requestId,
                        Arrays.copyOfRange(data, 12, data.length));
            }
        };
    }

    private byte[] aes(int mode, byte[] nonce, UUID tenantId, UUID requestId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(sealingKey, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD((tenantId + "/" + requestId).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the subject does not open", e);
        }
    }
}
