package dev.lethe.workflows.retention;

import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.retention.ClockKind;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.catalog.retention.RetentionPolicy;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.Purging;
import dev.lethe.workflows.systems.ConnectedSystem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a policy would purge now, changing nothing: the same planner as a run, then each connector's own
 * preview of the same purge (same cutoff, same held subjects). A target a run would skip, hold or fail says
 * so with its reason; a system that cannot answer now is reported FAILED with the reason. Call it as the
 * tenant. Thread-safe.
 */
public final class RetentionPreviews {

    private final RetentionParts parts;
    private final RunPlanning planning;
    private final PurgeRequests requests;
    private final LastActivity activity;

    public RetentionPreviews(RetentionParts parts) {
        this.parts = parts;
        this.planning = new RunPlanning(parts);
        this.requests = new PurgeRequests(parts);
        this.activity = new LastActivity(parts, planning);
    }

    /** @throws NotFoundException for a policy the tenant does not have */
    public PolicyPreview preview(UUID tenantId, UUID policyId) {
        RetentionPolicy policy = parts.policies()
                .find(tenantId, policyId)
                .orElseThrow(() -> new NotFoundException("retention policy " + policyId));
        Instant now = parts.clock().instant();
        Instant cutoff = RetentionPlanner.cutoff(
                policy.period(), parts.runs().schedule(tenantId).zone(), now);
        List<LegalHold> holds = parts.holds().list(tenantId);
        List<ConnectedSystem> connections = parts.connected().list(tenantId);
        List<TargetPreview> targets = new ArrayList<>();
        List<PlannedTask> tasks = planning.plan(tenantId, Set.of(policyId), now);
        Supplier<Set<String>> active = policy.clockKind() == ClockKind.EVENT
                ? memoized(() -> activity.activeSince(
                        tenantId,
                        LastActivity.sources(tasks.stream()
                                .map(task -> new LastActivity.Source(
                                        task.connectionId(), task.datasetId(), task.clockField()))
                                .toList()),
                        cutoff,
                        RetentionOperations.preview(tenantId, policyId)))
                : null;
        for (PlannedTask task : tasks) {
            String systemName = connections.stream()
                    .filter(connection -> connection.systemId().equals(task.systemId()))
                    .map(ConnectedSystem::systemName)
                    .findFirst()
                    .orElse(null);
            targets.add(target(tenantId, task, systemName, holds, active, now));
        }
        return new PolicyPreview(policyId, cutoff, targets);
    }

    /**
     * @param active for an EVENT clock, the subjects active since the cutoff (read once, for the first target
     *     that needs them); null for a FIELD clock
     */
    private TargetPreview target(
            UUID tenantId,
            PlannedTask task,
            String systemName,
            List<LegalHold> holds,
            Supplier<Set<String>> active,
            Instant now) {
        if (task.state() != TaskState.PENDING) {
            return preview(task, systemName, task.state(), task.reason(), Purging.PurgePreview.NOTHING);
        }
        Dataset dataset = planning.dataset(tenantId, task.datasetId()).orElseThrow();
        try {
            Purging.Purge fieldPurge = requests.of(
                    tenantId, task.dataset(), task.clockField(), task.cutoff(), task.anonymize(), dataset, holds, now);
            Purging.Purge purge =
                    active == null ? fieldPurge : requests.withActive(fieldPurge, tenantId, dataset, active.get());
            Purging.PurgePreview counted = parts.connected()
                    .withConnector(
                            tenantId,
                            task.connectionId(),
                            connector -> connector instanceof Purging purger
                                    ? purger.preview(RetentionOperations.preview(tenantId, task.policyId()), purge)
                                    : null);
            return counted == null
                    ? preview(
                            task,
                            systemName,
                            TaskState.SKIPPED,
                            "the connection's connector cannot purge",
                            Purging.PurgePreview.NOTHING)
                    : preview(task, systemName, TaskState.PENDING, null, counted);
        } catch (ConnectorException | NotFoundException e) {
            return preview(task, systemName, TaskState.FAILED, e.getMessage(), Purging.PurgePreview.NOTHING);
        }
    }

    /** Computed at most once; a failure is thrown again to each caller (each target then reports it). */
    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;
            private RuntimeException failure;

            @Override
            public T get() {
                if (value == null && failure == null) {
                    try {
                        value = supplier.get();
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
                if (failure != null) {
                    throw failure;
                }
                return value;
            }
        };
    }

    private static TargetPreview preview(
            PlannedTask task, String systemName, TaskState state, String reason, Purging.PurgePreview counted) {
        return new TargetPreview(
                task.systemId(),
                systemName,
                task.connectionId(),
                task.dataset(),
                state,
                reason,
                counted.records(),
                counted.held(),
                counted.oldest(),
                counted.newest());
    }
}
