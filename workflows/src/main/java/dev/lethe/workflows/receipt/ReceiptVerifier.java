package dev.lethe.workflows.receipt;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks a receipt document with the audit signing key's public half alone: the receipt is brought to
 * its canonical bytes again, their SHA-256 must be the one stated, and the Ed25519 signature must
 * verify. Needs no database and no secret; whether the audit chain commits to the receipt is {@link
 * Receipts#chained}'s (and {@code ./lethe audit verify}'s) question.
 */
public final class ReceiptVerifier {

    private ReceiptVerifier() {}

    /** @param problem why the receipt does not verify; null when it does */
    public record Verification(boolean valid, String keyId, String sha256, String problem) {}

    public static Verification verify(String document, PublicKey publicKey) {
        JsonNode root;
        try {
            root = CanonicalJson.JSON.readTree(document);
        } catch (JacksonException e) {
            return new Verification(false, null, null, "not a JSON receipt document");
        }
        JsonNode receipt = root.get("receipt");
        String keyId = text(root, "keyId");
        String stated = text(root, "sha256");
        String signature = text(root, "signature");
        if (receipt == null || !receipt.isObject() || keyId == null || stated == null || signature == null) {
            return new Verification(
                    false, keyId, stated, "a receipt document has receipt, keyId, sha256 and signature");
        }
        byte[] canonical = CanonicalJson.of(receipt);
        String actual = sha256Hex(canonical);
        if (!actual.equals(stated)) {
            return new Verification(
                    false, keyId, stated, "the receipt's SHA-256 is not the one stated: it was changed");
        }
        try {
            Signature ed25519 = Signature.getInstance(SignedReceipt.ALGORITHM);
            ed25519.initVerify(publicKey);
            ed25519.update(canonical);
            if (!ed25519.verify(Base64.getDecoder().decode(signature))) {
                return new Verification(false, keyId, stated, "the signature does not verify with this public key");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new Verification(false, keyId, stated, "the signature does not verify with this public key");
        }
        return new Verification(true, keyId, stated, null);
    }

    /** An Ed25519 public key from its X.509 (SubjectPublicKeyInfo) encoding, DER or PEM. */
    public static PublicKey publicKey(byte[] encoded) throws GeneralSecurityException {
        String text = new String(encoded, java.nio.charset.StandardCharsets.US_ASCII);
        byte[] der = encoded;
        if (text.contains("-----BEGIN PUBLIC KEY-----")) {
            String base64 =
                    text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            der = Base64.getDecoder().decode(base64);
        }
        return KeyFactory.getInstance(SignedReceipt.ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isString() ? node.asString() : null;
    }
}
