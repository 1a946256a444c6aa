package dev.lethe.catalog.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One link of a tenant's audit chain, as stored. */
public record AuditEntry(
        UUID tenantId,
        long seq,
        Instant recordedAt,
        Actor actor,
        String action,
        String target,
        Map<String, String> details,
        String previousHash,
        String hash) {}
