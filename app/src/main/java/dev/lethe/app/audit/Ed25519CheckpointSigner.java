package dev.lethe.app.audit;

import static dev.lethe.catalog.jooq.Tables.AUDIT_SIGNING_KEY;

import dev.lethe.catalog.audit.CheckpointSigner;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.WrappedDek;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Signs audit checkpoints with an Ed25519 key whose private half is stored only wrapped by the
 * vault's KMS (its public half in clear, so anyone with database access can check signatures; the
 * catalog does that).
 * The key is created on first use; a key wrapped by an older KEK version is re-wrapped at start-up,
 * so a KEK rotation leaves it readable. Thread-safe.
 */
final class Ed25519CheckpointSigner implements CheckpointSigner {

    private final String keyId;
    private final PrivateKey privateKey;
    private final DSLContext dsl;

    Ed25519CheckpointSigner(DSLContext dsl, Kms kms) {
        this.dsl = dsl;
        Record newest = dsl.selectFrom(AUDIT_SIGNING_KEY)
                .orderBy(AUDIT_SIGNING_KEY.CREATED_AT.desc())
                .limit(1)
                .fetchOne();
        if (newest == null) {
            this.keyId = "audit-" + UUID.randomUUID();
            this.privateKey = create(kms);
        } else {
            this.keyId = newest.get(AUDIT_SIGNING_KEY.KEY_ID);
            this.privateKey = unwrap(kms, newest);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private PrivateKey create(Kms kms) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] encoded = pair.getPrivate().getEncoded();
            WrappedDek wrapped = kms.wrap(encoded, associatedData(keyId));
            Arrays.fill(encoded, (byte) 0);
            dsl.insertInto(AUDIT_SIGNING_KEY)
                    .set(AUDIT_SIGNING_KEY.KEY_ID, keyId)
                    .set(AUDIT_SIGNING_KEY.PUBLIC_KEY, pair.getPublic().getEncoded())
                    .set(AUDIT_SIGNING_KEY.WRAPPED_PRIVATE_KEY, wrapped.ciphertext())
                    .set(AUDIT_SIGNING_KEY.KEK_VERSION, wrapped.kekVersion())
                    .execute();
            return pair.getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot create Ed25519 keys", e);
        }
    }

    private PrivateKey unwrap(Kms kms, Record row) {
        var wrapped =
                new WrappedDek(row.get(AUDIT_SIGNING_KEY.KEK_VERSION), row.get(AUDIT_SIGNING_KEY.WRAPPED_PRIVATE_KEY));
        if (wrapped.kekVersion() != kms.primaryVersion()) {
            WrappedDek rewrapped = kms.rewrap(wrapped, associatedData(keyId));
            dsl.update(AUDIT_SIGNING_KEY)
                    .set(AUDIT_SIGNING_KEY.WRAPPED_PRIVATE_KEY, rewrapped.ciphertext())
                    .set(AUDIT_SIGNING_KEY.KEK_VERSION, rewrapped.kekVersion())
                    .where(AUDIT_SIGNING_KEY.KEY_ID.eq(keyId))
                    .execute();
            wrapped = rewrapped;
        }
        byte[] encoded = kms.unwrap(wrapped, associatedData(keyId));
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored audit signing key is not an Ed25519 key", e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private static byte[] associatedData(String keyId) {
        return ("lethe:audit-signing-key:" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
