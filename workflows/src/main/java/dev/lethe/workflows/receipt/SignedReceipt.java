package dev.lethe.workflows.receipt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.UUID;

/**
 * A receipt as issued: its canonical JSON, the Ed25519 signature over those bytes, the id of the audit
 * signing key that made it and the SHA-256 of the bytes (which the audit entry {@code
 * request.receipt.issued} carries too).
 */
public record SignedReceipt(
        UUID receiptId,
        UUID tenantId,
        UUID requestId,
        Instant issuedAt,
        String canonical,
        byte[] signature,
        String keyId,
        String sha256) {

    public static final String ALGORITHM = "Ed25519";

    public SignedReceipt {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * The document handed out and checked by {@code ./lethe receipt verify}: {@code receipt} (the
     * receipt itself, whose canonical form is what was signed), {@code signature} (base64), {@code
     * algorithm}, {@code keyId} and {@code sha256}.
     */
    public String toDocument() {
        var document = new LinkedHashMap<String, Object>();
        document.put("receipt", CanonicalJson.JSON.readTree(canonical));
        document.put("algorithm", ALGORITHM);
        document.put("keyId", keyId);
        document.put("sha256", sha256);
        document.put("signature", Base64.getEncoder().encodeToString(signature));
        return CanonicalJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    }

    byte[] canonicalBytes() {
        return canonical.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SignedReceipt[" + receiptId + ", request " + requestId + ", key " + keyId + "]";
    }
}
