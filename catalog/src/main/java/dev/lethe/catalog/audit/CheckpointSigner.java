package dev.lethe.catalog.audit;

/**
 * Signs audit checkpoints. Implementations hold an Ed25519 key (its private half under the KMS)
 * and are thread-safe.
 */
public interface CheckpointSigner {

    /** The id of the key that {@link #sign} uses; its public half is in {@code audit_signing_key}. */
    String keyId();

    byte[] sign(byte[] message);
}
