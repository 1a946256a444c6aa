package dev.lethe.ui.catalog;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.retention.HoldDraft;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.workflows.request.IdentityHashes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A legal hold as the API receives it: one scope, where a hold on a data subject names their identities
 * ({@code {"email": "…"}}); only their keyed hashes are stored and returned, never the identities.
 * {@link #toString()} shows identity types only.
 */
record HoldRequest(
        UUID systemId,
        UUID datasetId,
        String dataCategory,
        Map<String, String> identities,
        String reason,
        Instant heldUntil) {

    HoldDraft toDraft(UUID tenantId, IdentityHashes hashes) {
        List<String> subjectHashes = null;
        if (identities != null && !identities.isEmpty()) {
            Identities subject;
            try {
                subject = new Identities(identities);
            } catch (IllegalArgumentException e) {
                // The message names identity types, never values.
                throw new InvalidInputException(e.getMessage());
            }
            subjectHashes = List.copyOf(hashes.of(tenantId, subject).values());
        }
        return new HoldDraft(systemId, datasetId, dataCategory, subjectHashes, reason, heldUntil);
    }

    @Override
    public String toString() {
        return "HoldRequest[systemId=" + systemId + ", datasetId=" + datasetId + ", dataCategory=" + dataCategory
                + ", identities=" + (identities == null ? "[]" : new java.util.TreeSet<>(identities.keySet()))
                + ", heldUntil=" + heldUntil + "]";
    }
}
