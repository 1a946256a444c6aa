package dev.lethe.catalog.retention;

import dev.lethe.catalog.change.Revision;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Suspends retention deletes and erasure for one system, dataset, data category or data subject (exactly
 * one is set) until {@code heldUntil} (null: until released) or until it is released.
 *
 * @param subjectHashes a hold on one subject: their identities' keyed hashes (never the identities)
 */
public record LegalHold(
        UUID id,
        UUID systemId,
        UUID datasetId,
        String dataCategory,
        List<String> subjectHashes,
        String reason,
        String placedBy,
        Instant heldUntil,
        Instant releasedAt,
        Revision revision) {

    /** Whether the hold suspends deletion at {@code now}. */
    public boolean activeAt(Instant now) {
        return releasedAt == null && (heldUntil == null || heldUntil.isAfter(now));
    }

    /** Whether this is a hold on a subject that shares one of {@code hashes} (a subject's keyed hashes). */
    public boolean coversSubject(Collection<String> hashes) {
        return subjectHashes != null && hashes.stream().anyMatch(subjectHashes::contains);
    }
}
