package dev.lethe.workflows.retention;

import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.connectors.spi.ActiveSubjects;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.HeldSubjects;
import dev.lethe.connectors.spi.Purging;
import dev.lethe.workflows.request.IdentityHashes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The connector's purge for a task, as a run and a preview both ask it: the task's selection, the held
 * subjects as a test on keyed hashes (the connector never learns a held identity), the configured batches
 * and pace.
 */
final class PurgeRequests {

    private final RetentionParts parts;

    PurgeRequests(RetentionParts parts) {
        this.parts = parts;
    }

    /**
     * An EVENT clock's purge of a task: {@link #of} with the subjects active since the cutoff (keyed hashes of
     * their identities, {@link LastActivity}) left alone.
     */
    Purging.Purge withActive(Purging.Purge purge, UUID tenantId, Dataset dataset, Set<String> active) {
        Map<String, String> identityFields = TaskHolds.identityFields(dataset);
        IdentityHashes hashes = parts.hashes();
        return purge.withActive(
                new ActiveSubjects(identityFields, (type, value) -> active.contains(hashes.of(tenantId, type, value))));
    }

    /** The purge of a task now: its selection, the held subjects, the configured batches and pace. */
    Purging.Purge of(
            UUID tenantId,
            String datasetName,
            String clockField,
            Instant cutoff,
            List<AnonymizedField> anonymize,
            Dataset dataset,
            List<LegalHold> holds,
            Instant now) {
        RetentionSettings settings = parts.settings();
        List<ErasureRule> rules = anonymize.stream()
                .map(field -> ErasureRule.field(
                        datasetName, field.field(), ErasureStrategy.valueOf(field.strategy()), field.category()))
                .toList();
        return new Purging.Purge(
                datasetName,
                clockField,
                cutoff,
                settings.batchSize(),
                rules,
                heldSubjects(tenantId, dataset, holds, now),
                new Purging.Pace(settings.pauseBetweenBatches(), settings.maxRecordsPerSecond()));
    }

    private HeldSubjects heldSubjects(UUID tenantId, Dataset dataset, List<LegalHold> holds, Instant now) {
        Set<String> held = TaskHolds.heldSubjectHashes(holds, now);
        Map<String, String> identityFields = TaskHolds.identityFields(dataset);
        if (held.isEmpty() || identityFields.isEmpty()) {
            return HeldSubjects.NONE;
        }
        IdentityHashes hashes = parts.hashes();
        return new HeldSubjects(identityFields, (type, value) -> held.contains(hashes.of(tenantId, type, value)));
    }
}
