package dev.lethe.workflows.packages;

import java.time.Instant;
import java.util.UUID;

/** A package in the store, as its row records it. {@code sha256} is the plaintext ZIP's. */
public record StoredPackage(
        UUID id,
        UUID tenantId,
        UUID requestId,
        String objectKey,
        long size,
        String sha256,
        Instant createdAt,
        Instant expiresAt) {}
