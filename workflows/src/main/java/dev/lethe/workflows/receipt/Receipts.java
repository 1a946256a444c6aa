package dev.lethe.workflows.receipt;

import static dev.lethe.catalog.jooq.Tables.AUDIT_SIGNING_KEY;
import static dev.lethe.catalog.jooq.Tables.REQUEST_RECEIPT;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointSigner;
import dev.lethe.catalog.jooq.tables.records.RequestReceiptRecord;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Issues erasure receipts: the canonical JSON is signed with the audit signing key, stored, and its
 * SHA-256 and key id are appended to the tenant's audit chain as {@code request.receipt.issued} in the
 * same transaction, so the chain (and its signed checkpoints) commits to the receipt. One receipt per
 * request: issuing again returns the first, so a retried activity signs nothing twice.
 */
public final class Receipts {

    public static final String ISSUED = "request.receipt.issued";

    private final DSLContext dsl;
    private final CheckpointSigner signer;
    private final AuditTrail audit;

    public Receipts(DSLContext dsl, CheckpointSigner signer, AuditTrail audit) {
        this.dsl = dsl;
        this.signer = signer;
        this.audit = audit;
    }

    public SignedReceipt issue(ErasureReceipt receipt, Actor actor) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            // one issuer at a time per request: a concurrent retry waits and then finds the first receipt
            tx.select(DSL.field(
                            "pg_advisory_xact_lock(hashtextextended({0}, 0))",
                            Object.class, DSL.val("receipt:" + receipt.requestId())))
                    .fetch();
            Optional<SignedReceipt> existing = find(tx, receipt.tenantId(), receipt.requestId());
            if (existing.isPresent()) {
                return existing.get();
            }
            byte[] canonical = CanonicalJson.of(receipt);
            String sha256 = ReceiptVerifier.sha256Hex(canonical);
            var signed = new SignedReceipt(
                    receipt.receiptId(),
                    receipt.tenantId(),
                    receipt.requestId(),
                    receipt.issuedAt(),
                    new String(canonical, StandardCharsets.UTF_8),
                    signer.sign(canonical),
                    signer.keyId(),
                    sha256);
            tx.insertInto(REQUEST_RECEIPT)
                    .set(REQUEST_RECEIPT.ID, signed.receiptId())
                    .set(REQUEST_RECEIPT.TENANT_ID, signed.tenantId())
                    .set(REQUEST_RECEIPT.REQUEST_ID, signed.requestId())
                    .set(REQUEST_RECEIPT.CANONICAL, signed.canonical())
                    .set(REQUEST_RECEIPT.SIGNATURE, signed.signature())
                    .set(REQUEST_RECEIPT.KEY_ID, signed.keyId())
                    .set(REQUEST_RECEIPT.SHA256, sha256)
                    .set(REQUEST_RECEIPT.ISSUED_AT, signed.issuedAt().atOffset(ZoneOffset.UTC))
                    .execute();
            audit.append(new AuditEvent(
                    receipt.tenantId(),
                    actor,
                    ISSUED,
                    target(receipt.requestId()),
                    Map.of(
                            "receipt", signed.receiptId().toString(),
                            "sha256", sha256,
                            "keyId", signed.keyId(),
                            "complete", Boolean.toString(receipt.complete()))));
            return signed;
        });
    }

    public Optional<SignedReceipt> find(UUID tenantId, UUID requestId) {
        return find(dsl, tenantId, requestId);
    }

    /** The public half of the signing key that made a receipt, as the audit stores it. */
    public Optional<PublicKey> publicKey(String keyId) {
        return dsl.select(AUDIT_SIGNING_KEY.PUBLIC_KEY)
                .from(AUDIT_SIGNING_KEY)
                .where(AUDIT_SIGNING_KEY.KEY_ID.eq(keyId))
                .fetchOptional(AUDIT_SIGNING_KEY.PUBLIC_KEY)
                .flatMap(encoded -> {
                    try {
                        return Optional.of(ReceiptVerifier.publicKey(encoded));
                    } catch (GeneralSecurityException e) {
                        return Optional.empty();
                    }
                });
    }

    /**
     * What a check of a stored receipt found: the signature against the stored public key of its
     * signing key, and whether the audit chain commits to its hash.
     */
    public record Check(boolean signatureValid, boolean chained, String problem) {
        public boolean valid() {
            return signatureValid && chained;
        }
    }

    /** Checks a receipt as stored: its signature with the audit's public key, and its audit entry. */
    public Check check(SignedReceipt receipt) {
        Optional<PublicKey> key = publicKey(receipt.keyId());
        if (key.isEmpty()) {
            return new Check(false, chained(receipt), "the signing key is not among the audit's public keys");
        }
        var verification = ReceiptVerifier.verify(receipt.toDocument(), key.get());
        boolean chained = chained(receipt);
        String problem = !verification.valid()
                ? verification.problem()
                : chained ? null : "no request.receipt.issued audit entry carries this receipt's hash";
        return new Check(verification.valid(), chained, problem);
    }

    /** Whether the tenant's audit chain has a {@code request.receipt.issued} entry with this receipt's hash. */
    public boolean chained(SignedReceipt receipt) {
        List<AuditEntry> entries = audit.page(
                receipt.tenantId(), new AuditQuery(null, null, null, ISSUED, target(receipt.requestId()), null, 500));
        return entries.stream()
                .anyMatch(entry -> receipt.sha256().equals(entry.details().get("sha256"))
                        && receipt.keyId().equals(entry.details().get("keyId")));
    }

    private static Optional<SignedReceipt> find(DSLContext dsl, UUID tenantId, UUID requestId) {
        return dsl.selectFrom(REQUEST_RECEIPT)
                .where(REQUEST_RECEIPT.TENANT_ID.eq(tenantId))
                .and(REQUEST_RECEIPT.REQUEST_ID.eq(requestId))
                .orderBy(REQUEST_RECEIPT.ISSUED_AT)
                .limit(1)
                .fetchOptional(Receipts::toReceipt);
    }

    private static SignedReceipt toReceipt(RequestReceiptRecord row) {
        return new SignedReceipt(
                row.getId(),
                row.getTenantId(),
                row.getRequestId(),
                row.getIssuedAt().toInstant(),
                row.getCanonical(),
                row.getSignature(),
                row.getKeyId(),
                row.getSha256());
    }

    static String target(UUID requestId) {
        return "request:" + requestId;
    }
}
