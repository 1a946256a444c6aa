package dev.lethe.app.audit;

import static dev.lethe.catalog.jooq.Tables.AUDIT_SIGNING_KEY;

import dev.lethe.catalog.audit.CheckpointSigner;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.KmsException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs audit checkpoints with an Ed25519 key whose private half is stored only wrapped by the
 * vault's KMS (its public half in clear, so anyone with database access can check signatures; the
 * catalog does that).
 * The key is created on first use; a key wrapped by an older KEK version is re-wrapped at start-up.
 * Thread-safe.
 */
final class Ed25519CheckpointSigner implements CheckpointSigner {

    private static final Logger log = LoggerFactory.getLogger(Ed25519CheckpointSigner.class);

    private final String keyId;
    private final PrivateKey privateKey;
    private final DSLContext dsl;

    Ed25519CheckpointSigner(DSLContext dsl, Kms kms) {
        this.dsl = dsl;
        Record newest = dsl.selectFrom(AUDIT_SIGNING_KEY)
                .orderBy(AUDIT_SIGNING_KEY.CREATED_AT.desc())
                .limit(1)
                .fetchOne();
        PrivateKey existing = newest == null ? null : unwrapOrNull(kms, newest);
        if (existing == null) {
            this.keyId = "audit-" + UUID.randomUUID();
            this.privateKey = create(kms);
        } else {
            this.keyId = newest.get(AUDIT_SIGNING_KEY.KEY_ID);
            this.privateKey = existing;
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

    /**
     * A key whose KEK version was retired (a rotation that finished while this process was down)
     * can't be unwrapped any more: a new key takes over, and the old checkpoints still verify with
     * the old public key, which stays in the table.
     */
    private PrivateKey unwrapOrNull(Kms kms, Record row) {
        try {
            return unwrap(kms, row);
        } catch (KmsException e) {
            log.warn(
                    "The audit signing key {} can no longer be unwrapped ({}); creating a new one",
                    row.get(AUDIT_SIGNING_KEY.KEY_ID),
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private PrivateKey unwrap(Kms kms, Record row) {
        String rowKeyId = row.get(AUDIT_SIGNING_KEY.KEY_ID);
        var wrapped =
                new WrappedDek(row.get(AUDIT_SIGNING_KEY.KEK_VERSION), row.get(AUDIT_SIGNING_KEY.WRAPPED_PRIVATE_KEY));
        if (wrapped.kekVersion() != kms.primaryVersion()) {
            WrappedDek rewrapped = kms.rewrap(wrapped, associatedData(rowKeyId));
            dsl.update(AUDIT_SIGNING_KEY)
                    .set(AUDIT_SIGNING_KEY.WRAPPED_PRIVATE_KEY, rewrapped.ciphertext())
                    .set(AUDIT_SIGNING_KEY.KEK_VERSION, rewrapped.kekVersion())
                    .where(AUDIT_SIGNING_KEY.KEY_ID.eq(rowKeyId))
                    .execute();
            wrapped = rewrapped;
        }
        byte[] encoded = kms.unwrap(wrapped, associatedData(rowKeyId));
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
