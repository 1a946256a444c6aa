package dev.lethe.catalog.audit;

import static dev.lethe.catalog.jooq.Tables.AUDIT_SIGNING_KEY;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * Checks checkpoint signatures with the public keys stored beside them: needs no KMS and no
 * secret, so anyone who can read the database (an auditor's tool, {@code ./lethe audit verify})
 * can check them. Thread-safe.
 */
final class StoredPublicKeys {

    private record StoredKey(PublicKey key, String sha256) {}

    private final DSLContext dsl;
    private final Map<String, Optional<StoredKey>> keys = new ConcurrentHashMap<>();

    StoredPublicKeys(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** False for a bad signature or an unknown key; never throws for either. */
    boolean verify(String keyId, byte[] message, byte[] signatureBytes) {
        Optional<StoredKey> key = keys.computeIfAbsent(keyId, this::load);
        if (key.isEmpty()) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key.get().key());
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Hex SHA-256 of the stored public key's encoding; empty for an unknown or unreadable key. */
    Optional<String> sha256(String keyId) {
        return keys.computeIfAbsent(keyId, this::load).map(StoredKey::sha256);
    }

    private Optional<StoredKey> load(String keyId) {
        return dsl.select(AUDIT_SIGNING_KEY.PUBLIC_KEY)
                .from(AUDIT_SIGNING_KEY)
                .where(AUDIT_SIGNING_KEY.KEY_ID.eq(keyId))
                .fetchOptional(AUDIT_SIGNING_KEY.PUBLIC_KEY)
                .flatMap(StoredPublicKeys::decode);
    }

    private static Optional<StoredKey> decode(byte[] encoded) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
            return Optional.of(new StoredKey(key, sha256Hex(encoded)));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
