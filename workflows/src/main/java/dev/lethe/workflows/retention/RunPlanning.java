package dev.lethe.workflows.retention;

import static dev.lethe.catalog.jooq.Tables.RETENTION_POLICY;

import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.dataset.DatasetSummary;
import dev.lethe.catalog.retention.RetentionPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads what the planner needs from the catalog and the connections, and plans. Call it as the tenant. */
final class RunPlanning {

    private final RetentionParts parts;

    RunPlanning(RetentionParts parts) {
        this.parts = parts;
    }

    /** The tasks of the given policies (empty: every one), at {@code now} in the tenant's zone. */
    List<PlannedTask> plan(UUID tenantId, Set<UUID> policyIds, Instant now) {
        List<RetentionPolicy> policies = parts.policies().list(tenantId).stream()
                .filter(policy -> policyIds.isEmpty() || policyIds.contains(policy.id()))
                .toList();
        return RetentionPlanner.plan(
                policies,
                anonymizeWith(tenantId),
                datasets(tenantId),
                parts.holds().list(tenantId),
                parts.connected().list(tenantId),
                parts.runs().schedule(tenantId).zone(),
                now);
    }

    Optional<Dataset> dataset(UUID tenantId, UUID datasetId) {
        return datasetId == null ? Optional.empty() : parts.datasets().find(tenantId, datasetId);
    }

    private List<Dataset> datasets(UUID tenantId) {
        return parts.datasets().list(tenantId, null, null, PageRequest.ALL).stream()
                .map(DatasetSummary::id)
                .map(id -> parts.datasets().find(tenantId, id))
                .flatMap(Optional::stream)
                .toList();
    }

    private Map<UUID, String> anonymizeWith(UUID tenantId) {
        return parts
                .dsl()
                .select(RETENTION_POLICY.ID, RETENTION_POLICY.ANONYMIZE_WITH)
                .from(RETENTION_POLICY)
                .where(RETENTION_POLICY.TENANT_ID.eq(tenantId))
                .fetch()
                .stream()
                .collect(Collectors.toMap(row -> row.value1(), row -> row.value2()));
    }
}
