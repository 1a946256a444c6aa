package dev.lethe.workflows.receipt;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static dev.lethe.catalog.jooq.Tables.AUDIT_SIGNING_KEY;
import static dev.lethe.catalog.jooq.Tables.REQUEST_RECEIPT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.CatalogTestDatabase;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointSigner;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.UniqueNames;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Receipts on the real PostgreSQL as the application's role: signed with an Ed25519 key whose public
 * half is in {@code audit_signing_key}, stored, and chained into the tenant's audit trail.
 */
@ExtendWith(LocalServicesExtension.class)
class ReceiptsIT {

    private static DSLContext owner;
    private static Receipts receipts;
    private static AuditTrail trail;
    private static KeyPair keys;

    private UUID tenant;
    private UUID otherTenant;
    private final UUID request = UUID.randomUUID();

    @BeforeAll
    static void database() throws SQLException {
        CatalogTestDatabase database = CatalogTestDatabase.create("lethe_receipts");
        owner = database.owner();
        keys = ReceiptVerifierTest.keyPair();
        String keyId = "receipt-test-" + UUID.randomUUID();
        owner.insertInto(AUDIT_SIGNING_KEY)
                .set(AUDIT_SIGNING_KEY.KEY_ID, keyId)
                .set(AUDIT_SIGNING_KEY.PUBLIC_KEY, keys.getPublic().getEncoded())
                .set(AUDIT_SIGNING_KEY.WRAPPED_PRIVATE_KEY, new byte[] {0})
                .set(AUDIT_SIGNING_KEY.KEK_VERSION, 1)
                .execute();
        CheckpointSigner signer = new CheckpointSigner() {
            @Override
            public String keyId() {
                return keyId;
            }

            @Override
            public byte[] sign(byte[] message) {
                try {
                    Signature ed25519 = Signature.getInstance("Ed25519");
                    ed25519.initSign(keys.getPrivate());
                    ed25519.update(message);
                    return ed25519.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        trail = new AuditTrail(database.app(), signer, 1_000_000);
        receipts = new Receipts(database.app(), signer, trail);
    }

    @BeforeEach
    void tenants() {
        tenant = new Tenants(owner)
                .create(UniqueNames.of("receipts"), "Receipts")
                .id();
        otherTenant = new Tenants(owner)
                .create(UniqueNames.of("receipts-other"), "Other")
                .id();
    }

    @Test
    void anIssuedReceiptVerifiesWithTheStoredPublicKeyAndTheAuditChainCommitsToIt() {
        SignedReceipt signed =
                as(tenant, () -> receipts.issue(TestReceipts.sample(tenant, request), Actor.system("requests")));

        var publicKey = as(tenant, () -> receipts.publicKey(signed.keyId())).orElseThrow();
        assertThat(ReceiptVerifier.verify(signed.toDocument(), publicKey).valid())
                .isTrue();
        assertThat(as(tenant, () -> receipts.chained(signed))).isTrue();
        assertThat(as(tenant, () -> receipts.check(signed)).valid()).isTrue();
        as(tenant, () -> {
            trail.checkpoint(tenant);
            return null;
        });
        assertThat(as(tenant, () -> trail.verify(tenant)).intact()).isTrue();
        String details = owner.select(AUDIT_ENTRY.DETAILS.cast(String.class))
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant))
                .and(AUDIT_ENTRY.ACTION.eq(Receipts.ISSUED))
                .fetchOne(0, String.class);
        assertThat(details).contains(signed.sha256(), signed.keyId()).doesNotContain("9f2c0a");
    }

    @Test
    void issuingAgainReturnsTheFirstReceipt() {
        SignedReceipt first =
                as(tenant, () -> receipts.issue(TestReceipts.sample(tenant, request), Actor.system("requests")));
        var retried = new ErasureReceipt(
                UUID.randomUUID(),
                request,
                tenant,
                first.issuedAt().plusSeconds(5),
                "GDPR",
                java.util.Map.of(),
                java.util.List.of());

        SignedReceipt second = as(tenant, () -> receipts.issue(retried, Actor.system("requests")));

        assertThat(second.receiptId()).isEqualTo(first.receiptId());
        assertThat(owner.fetchCount(REQUEST_RECEIPT, REQUEST_RECEIPT.REQUEST_ID.eq(request)))
                .isEqualTo(1);
        assertThat(owner.fetchCount(
                        AUDIT_ENTRY, AUDIT_ENTRY.TENANT_ID.eq(tenant).and(AUDIT_ENTRY.ACTION.eq(Receipts.ISSUED))))
                .isEqualTo(1);
    }

    @Test
    void anotherTenantSeesNoReceipt() {
        as(tenant, () -> receipts.issue(TestReceipts.sample(tenant, request), Actor.system("requests")));

        assertThat(as(otherTenant, () -> receipts.find(tenant, request))).isEmpty();
        assertThat(as(tenant, () -> receipts.find(tenant, request))).isPresent();
    }

    @Test
    void aReceiptChangedInTheDatabaseIsNoLongerTheOneTheChainCommitsTo() {
        SignedReceipt signed =
                as(tenant, () -> receipts.issue(TestReceipts.sample(tenant, request), Actor.system("requests")));
        String forged = signed.canonical().replace("\"erased\":1", "\"erased\":0");
        String forgedHash = ReceiptVerifier.sha256Hex(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        owner.update(REQUEST_RECEIPT)
                .set(REQUEST_RECEIPT.CANONICAL, forged)
                .set(REQUEST_RECEIPT.SHA256, forgedHash)
                .where(REQUEST_RECEIPT.ID.eq(signed.receiptId()))
                .execute();

        SignedReceipt stored = as(tenant, () -> receipts.find(tenant, request)).orElseThrow();

        assertThat(as(tenant, () -> receipts.chained(stored))).isFalse();
        var check = as(tenant, () -> receipts.check(stored));
        assertThat(check.valid()).isFalse();
        assertThat(check.signatureValid()).isFalse();
        assertThat(ReceiptVerifier.verify(stored.toDocument(), keys.getPublic()).valid())
                .isFalse();
    }

    private static <T> T as(UUID tenantId, Supplier<T> work) {
        return TenantContext.callAs(tenantId, work);
    }
}
