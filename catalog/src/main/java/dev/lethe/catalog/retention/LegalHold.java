package dev.lethe.catalog.retention;

import dev.lethe.catalog.change.Revision;
import java.time.Instant;
import java.util.UUID;

/**
 * Suspends retention deletes for one system, dataset or data category (exactly one is set) until
 * {@code heldUntil} (null: until released) or until it is released.
 */
public record LegalHold(
        UUID id,
        UUID systemId,
        UUID datasetId,
        String dataCategory,
        String reason,
        String placedBy,
        Instant heldUntil,
        Instant releasedAt,
        Revision revision) {

    /** Whether the hold suspends deletion at {@code now}. */
    public boolean activeAt(Instant now) {
        return releasedAt == null && (heldUntil == null || heldUntil.isAfter(now));
    }
}
