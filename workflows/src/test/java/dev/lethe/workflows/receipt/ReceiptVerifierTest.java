package dev.lethe.workflows.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReceiptVerifierTest {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final UUID REQUEST = UUID.fromString("00000000-0000-0000-0000-0000000000bb");

    private final KeyPair keys = keyPair();
    private final SignedReceipt signed = sign(TestReceipts.sample(TENANT, REQUEST), keys);

    @Test
    void aSignedReceiptVerifiesWithThePublicKey() {
        var verification = ReceiptVerifier.verify(signed.toDocument(), keys.getPublic());

        assertThat(verification.problem()).isNull();
        assertThat(verification.valid()).isTrue();
        assertThat(verification.keyId()).isEqualTo("key-1");
    }

    @Test
    void aChangedCountFailsEvenWithTheHashRecomputed() throws GeneralSecurityException {
        String canonical = signed.canonical().replace("\"erased\":1", "\"erased\":2");
        var forged = new SignedReceipt(
                signed.receiptId(),
                TENANT,
                REQUEST,
                signed.issuedAt(),
                canonical,
                signed.signature(),
                "key-1",
                ReceiptVerifier.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)));

        var verification = ReceiptVerifier.verify(forged.toDocument(), keys.getPublic());

        assertThat(verification.valid()).isFalse();
        assertThat(verification.problem()).contains("signature");
    }

    @Test
    void oneChangedByteOfTheDocumentFails() {
        String document = signed.toDocument();
        String changed = document.replaceFirst("(\"found\"\\s*:\\s*)4", "$15");
        assertThat(changed).isNotEqualTo(document).hasSameSizeAs(document);

        var verification = ReceiptVerifier.verify(changed, keys.getPublic());

        assertThat(verification.valid()).isFalse();
        assertThat(verification.problem()).contains("SHA-256");
    }

    @Test
    void oneChangedByteOfTheSignatureFails() {
        byte[] signature = signed.signature();
        signature[0] ^= 1;
        var tampered = new SignedReceipt(
                signed.receiptId(),
                TENANT,
                REQUEST,
                signed.issuedAt(),
                signed.canonical(),
                signature,
                "key-1",
                signed.sha256());

        assertThat(ReceiptVerifier.verify(tampered.toDocument(), keys.getPublic())
                        .valid())
                .isFalse();
    }

    @Test
    void anotherKeyDoesNotVerify() {
        assertThat(ReceiptVerifier.verify(signed.toDocument(), keyPair().getPublic())
                        .valid())
                .isFalse();
    }

    @Test
    void aPemPublicKeyIsRead() throws GeneralSecurityException {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertThat(ReceiptVerifier.publicKey(pem.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(keys.getPublic());
    }

    @Test
    void garbageIsNotAReceipt() {
        assertThat(ReceiptVerifier.verify("not json", keys.getPublic()).valid()).isFalse();
        assertThat(ReceiptVerifier.verify("{}", keys.getPublic()).valid()).isFalse();
    }

    static SignedReceipt sign(ErasureReceipt receipt, KeyPair keys) {
        byte[] canonical = CanonicalJson.of(receipt);
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(keys.getPrivate());
            ed25519.update(canonical);
            return new SignedReceipt(
                    receipt.receiptId(),
                    receipt.tenantId(),
                    receipt.requestId(),
                    receipt.issuedAt(),
                    new String(canonical, StandardCharsets.UTF_8),
                    ed25519.sign(),
                    "key-1",
                    ReceiptVerifier.sha256Hex(canonical));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
