package dev.lethe.app.audit;

import dev.lethe.catalog.audit.CheckpointSigner;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * An Ed25519 signer held in memory, its public key stored like the application's (so verification
 * knows it). Stored as created long ago, so it never becomes the key the application starts with, and
 * with a KEK version already in use, so it never holds back a KEK rotation.
 */
final class TestCheckpointSigner implements CheckpointSigner {

    private final String keyId = "test-" + UUID.randomUUID();
    private final KeyPair pair;

    TestCheckpointSigner(DSLContext dsl) {
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        dsl.execute(
                "insert into audit_signing_key (key_id, public_key, wrapped_private_key, kek_version, created_at)"
                        + " select ?, ?, '\\x00'::bytea, kek_version, timestamptz '2000-01-01 00:00:00+00'"
                        + " from audit_signing_key order by created_at desc limit 1",
                keyId,
                pair.getPublic().getEncoded());
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(pair.getPrivate());
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
