package dev.lethe.catalog.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One pending change of an indexed catalog entity.
 *
 * @param id the outbox row's id, increasing in commit-ish order within a tenant
 * @param kind {@code system}, {@code dataset}, {@code field} or {@code activity}
 * @param entityId the changed row's id
 * @param op {@code created}, {@code updated} or {@code deleted}
 */
public record OutboxEntry(long id, UUID tenantId, String kind, UUID entityId, String op, OffsetDateTime createdAt) {}
