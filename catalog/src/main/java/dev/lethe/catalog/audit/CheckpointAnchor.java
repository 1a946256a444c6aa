package dev.lethe.catalog.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A signed checkpoint as anchored outside PostgreSQL: the same signed statement ("tenant T's chain
 * reached entry {@code seq} with hash {@code headHash}"), plus the SHA-256 of the public key that
 * checks it, so that a key swapped in the database afterwards does not check it.
 *
 * @param publicKeySha256 hex SHA-256 of the signing key's public half as stored (X.509 encoding)
 */
public record CheckpointAnchor(
        UUID tenantId,
        long seq,
        String headHash,
        Instant signedAt,
        String keyId,
        byte[] signature,
        String publicKeySha256) {

    public CheckpointAnchor {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(headHash, "headHash");
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(publicKeySha256, "publicKeySha256");
        if (seq < 1) {
            throw new IllegalArgumentException("An anchored checkpoint vouches for an entry (seq >= 1)");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
