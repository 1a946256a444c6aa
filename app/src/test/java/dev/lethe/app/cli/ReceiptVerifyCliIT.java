package dev.lethe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.workflows.receipt.CanonicalJson;
import dev.lethe.workflows.receipt.ErasureReceipt;
import dev.lethe.workflows.receipt.SignedReceipt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./lethe receipt verify} on receipt and key files: exit codes and the line it prints. */
class ReceiptVerifyCliIT {

    @TempDir
    Path dir;

    private Path receiptFile;
    private Path keyFile;
    private String document;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void signedReceiptAndKey() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var receipt = new ErasureReceipt(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                Instant.parse("2026-12-02T03:00:00Z"),
                "GDPR",
                Map.of("email", "a1b2"),
                List.of(new ErasureReceipt.SystemResult(
                        "shop",
                        List.of(new ErasureReceipt.DatasetResult("customers", 3, 3, 0, null, 0, null, 0L)),
                        List.of())));
        byte[] canonical = CanonicalJson.of(receipt);
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initSign(keys.getPrivate());
        ed25519.update(canonical);
        document = new SignedReceipt(
                        receipt.receiptId(),
                        receipt.tenantId(),
                        receipt.requestId(),
                        receipt.issuedAt(),
                        new String(canonical, StandardCharsets.UTF_8),
                        ed25519.sign(),
                        "key-1",
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)))
                .toDocument();
        receiptFile = Files.writeString(dir.resolve("receipt.json"), document);
        keyFile = Files.writeString(
                dir.resolve("key.pem"),
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    }

    @Test
    void aGenuineReceiptExitsZero() {
        int exit = run(receiptFile.toString(), "--public-key", keyFile.toString());

        assertThat(exit).isEqualTo(ReceiptVerifyCli.VALID);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"valid\":true", "\"keyId\":\"key-1\"");
    }

    @Test
    void aChangedReceiptExitsOneAndSaysWhy() throws Exception {
        Files.writeString(receiptFile, document.replaceFirst("\"erased\"\\s*:\\s*3", "\"erased\":2"));

        int exit = run(receiptFile.toString(), "--public-key", keyFile.toString());

        assertThat(exit).isEqualTo(ReceiptVerifyCli.INVALID);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"valid\":false", "SHA-256");
    }

    @Test
    void missingArgumentsOrFilesCannotRun() {
        assertThat(run(receiptFile.toString())).isEqualTo(ReceiptVerifyCli.CANNOT_RUN);
        assertThat(run(dir.resolve("missing.json").toString(), "--public-key", keyFile.toString()))
                .isEqualTo(ReceiptVerifyCli.CANNOT_RUN);
        assertThat(run(receiptFile.toString(), "--public-key", receiptFile.toString()))
                .isEqualTo(ReceiptVerifyCli.CANNOT_RUN);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage", "not a readable Ed25519 public key");
    }

    private int run(String... args) {
        return ReceiptVerifyCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
