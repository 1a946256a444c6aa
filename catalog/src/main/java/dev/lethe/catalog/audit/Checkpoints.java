package dev.lethe.catalog.audit;

import static dev.lethe.catalog.jooq.Tables.AUDIT_CHECKPOINT;

import dev.lethe.catalog.jooq.tables.records.AuditCheckpointRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;

/** Writing and reading the signed checkpoints of a tenant's chain. */
final class Checkpoints {

    /** A stored checkpoint. */
    record Checkpoint(long seq, String headHash, Instant signedAt, String keyId, byte[] signature) {}

    private final CheckpointSigner signer;
    private final StoredPublicKeys publicKeys;

    /** @param signer null for a trail that only verifies */
    Checkpoints(CheckpointSigner signer, StoredPublicKeys publicKeys) {
        this.signer = signer;
        this.publicKeys = publicKeys;
    }

    boolean canSign() {
        return signer != null;
    }

    void write(DSLContext tx, UUID tenantId, long seq, String headHash) {
        Instant signedAt = ChainHash.truncate(Instant.now());
        byte[] signature = signer.sign(message(tenantId, seq, headHash, signedAt));
        tx.insertInto(AUDIT_CHECKPOINT)
                .set(AUDIT_CHECKPOINT.TENANT_ID, tenantId)
                .set(AUDIT_CHECKPOINT.SEQ, seq)
                .set(AUDIT_CHECKPOINT.HEAD_HASH, headHash)
                .set(AUDIT_CHECKPOINT.SIGNED_AT, signedAt.atOffset(ZoneOffset.UTC))
                .set(AUDIT_CHECKPOINT.KEY_ID, signer.keyId())
                .set(AUDIT_CHECKPOINT.SIGNATURE, signature)
                .onConflictDoNothing()
                .execute();
    }

    NavigableMap<Long, Checkpoint> read(DSLContext dsl, UUID tenantId) {
        var checkpoints = new TreeMap<Long, Checkpoint>();
        dsl.selectFrom(AUDIT_CHECKPOINT)
                .where(AUDIT_CHECKPOINT.TENANT_ID.eq(tenantId))
                .orderBy(AUDIT_CHECKPOINT.SEQ)
                .forEach(record -> checkpoints.put(record.getSeq(), of(record)));
        return checkpoints;
    }

    static Checkpoint of(AuditCheckpointRecord record) {
        return new Checkpoint(
                record.getSeq(),
                record.getHeadHash(),
                record.getSignedAt().toInstant(),
                record.getKeyId(),
                record.getSignature());
    }

    boolean signatureHolds(UUID tenantId, Checkpoint checkpoint) {
        return publicKeys.verify(
                checkpoint.keyId(),
                message(tenantId, checkpoint.seq(), checkpoint.headHash(), checkpoint.signedAt()),
                checkpoint.signature());
    }

    /**
     * True when the anchor's signature holds with the stored public key of its key id, and that key is
     * the one the anchor names (its SHA-256): a key replaced in the database does not vouch for it.
     */
    boolean anchorHolds(CheckpointAnchor anchor) {
        return publicKeys
                        .sha256(anchor.keyId())
                        .filter(stored -> stored.equalsIgnoreCase(anchor.publicKeySha256()))
                        .isPresent()
                && publicKeys.verify(
                        anchor.keyId(),
                        message(anchor.tenantId(), anchor.seq(), anchor.headHash(), anchor.signedAt()),
                        anchor.signature());
    }

    /** The stored checkpoint as an anchor; empty when its key is unknown (nothing could check it). */
    Optional<CheckpointAnchor> anchorOf(UUID tenantId, Checkpoint checkpoint) {
        return publicKeys
                .sha256(checkpoint.keyId())
                .map(sha256 -> new CheckpointAnchor(
                        tenantId,
                        checkpoint.seq(),
                        checkpoint.headHash(),
                        checkpoint.signedAt(),
                        checkpoint.keyId(),
                        checkpoint.signature(),
                        sha256));
    }

    static byte[] message(UUID tenantId, long seq, String headHash, Instant signedAt) {
        return ("lethe-audit-checkpoint:v1|" + tenantId + "|" + seq + "|" + headHash + "|" + signedAt)
                .getBytes(StandardCharsets.UTF_8);
    }
}
