package dev.lethe.catalog.retention;

import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.Require;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A legal hold as a client writes it: one scope, a reason (a case reference, never personal data).
 *
 * @param subjectHashes a hold on one data subject: their identities as the vault's keyed hashes (64 hex
 *     characters each, as {@code IdentityHashes} makes them), never the identities themselves
 */
public record HoldDraft(
        UUID systemId,
        UUID datasetId,
        String dataCategory,
        List<String> subjectHashes,
        String reason,
        Instant heldUntil) {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public HoldDraft {
        dataCategory = dataCategory == null || dataCategory.isBlank() ? null : dataCategory.strip();
        subjectHashes = subjectHashes == null || subjectHashes.isEmpty()
                ? null
                : subjectHashes.stream().distinct().sorted().toList();
        if (Stream.of(systemId, datasetId, dataCategory, subjectHashes)
                        .filter(java.util.Objects::nonNull)
                        .count()
                != 1) {
            throw new InvalidInputException(
                    "A legal hold covers exactly one of systemId, datasetId, dataCategory, a subject");
        }
        if (subjectHashes != null
                && (subjectHashes.size() > 32
                        || !subjectHashes.stream()
                                .allMatch(hash ->
                                        hash != null && HASH.matcher(hash).matches()))) {
            throw new InvalidInputException("A subject hold names 1 to 32 keyed hashes of 64 hex characters");
        }
        reason = Require.text(reason, "reason");
    }
}
