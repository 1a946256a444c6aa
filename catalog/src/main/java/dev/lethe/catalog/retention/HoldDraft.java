package dev.lethe.catalog.retention;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.Require;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

/** A legal hold as a client writes it: one scope, a reason (a case reference, never personal data). */
public record HoldDraft(UUID systemId, UUID datasetId, String dataCategory, String reason, Instant heldUntil) {

    public HoldDraft {
        dataCategory = dataCategory == null || dataCategory.isBlank() ? null : dataCategory.strip();
        if (Stream.of(systemId, datasetId, dataCategory)
                        .filter(java.util.Objects::nonNull)
                        .count()
                != 1) {
            throw new InvalidInputException("A legal hold covers exactly one of systemId, datasetId, dataCategory");
        }
        reason = Require.text(reason, "reason");
    }
}
