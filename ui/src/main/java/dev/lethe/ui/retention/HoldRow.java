package dev.lethe.ui.retention;

import dev.lethe.catalog.retention.LegalHold;
import java.time.Instant;
import java.util.UUID;

/**
 * A legal hold as the page lists it: its scope by name (a hold on a data subject says only that: the
 * hold keeps keyed hashes, never who), why, who placed it and whether it still holds.
 */
record HoldRow(
        UUID id,
        String scope,
        String reason,
        String placedBy,
        Instant placedAt,
        Instant heldUntil,
        Instant releasedAt,
        boolean active,
        int version) {

    static HoldRow of(LegalHold hold, RetentionNames.Lookup names, Instant now) {
        String scope;
        if (hold.systemId() != null) {
            scope = "system " + names.system(hold.systemId());
        } else if (hold.datasetId() != null) {
            scope = "dataset " + names.dataset(hold.datasetId());
        } else if (hold.dataCategory() != null) {
            scope = "data category " + hold.dataCategory();
        } else {
            scope = "a data subject";
        }
        return new HoldRow(
                hold.id(),
                scope,
                hold.reason(),
                hold.placedBy(),
                hold.revision().createdAt(),
                hold.heldUntil(),
                hold.releasedAt(),
                hold.activeAt(now),
                hold.revision().version());
    }

    /** holding, released, or ended (past its end date). */
    public String status() {
        if (releasedAt != null) {
            return "released";
        }
        return active ? "holding" : "ended";
    }
}
