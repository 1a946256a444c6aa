package dev.lethe.workflows.retention;

import dev.lethe.catalog.dataset.Dataset;
import dev.lethe.catalog.jooq.tables.records.RetentionRunTaskRecord;
import dev.lethe.catalog.retention.ClockKind;
import dev.lethe.catalog.retention.LegalHold;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Purging;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One attempt at a task: the legal holds read again right before the purge (a hold placed since the run
 * was planned holds the task), the held subjects handed to the connector as a test on keyed hashes, the
 * purge in paced batches, and what it came to recorded. The expired records are counted once, before the
 * first attempt, so a task resumed after an interrupted attempt reports what the run purged in all.
 */
final class TaskPurging {

    /** A purge's own count and batches, and what it found left after. */
    record Purged(long records, long held, int batches) {}

    private final RetentionParts parts;
    private final RunLedger ledger;
    private final RunPlanning planning;
    private final PurgeRequests requests;
    private final LastActivity activity;
    private final RetentionMetrics metrics;

    TaskPurging(RetentionParts parts, RunLedger ledger, RunPlanning planning, RetentionMetrics metrics) {
        this.parts = parts;
        this.ledger = ledger;
        this.planning = planning;
        this.requests = new PurgeRequests(parts);
        this.activity = new LastActivity(parts, planning);
        this.metrics = metrics;
    }

    TaskState purge(RunRef run, UUID taskId) {
        UUID tenantId = run.tenantId();
        RetentionRunTaskRecord task = ledger.task(tenantId, taskId);
        TaskState state = TaskState.valueOf(task.getState());
        if (state.finished()) {
            return state;
        }
        ledger.begin(tenantId, taskId);
        Dataset dataset = planning.dataset(tenantId, task.getDatasetId())
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "the dataset was removed from the catalog", RetentionActivitiesImpl.GONE));
        if (task.getConnectionId() == null
                || parts.connected().find(tenantId, task.getConnectionId()).isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("the connection was removed", RetentionActivitiesImpl.GONE);
        }
        Instant now = parts.clock().instant();
        List<LegalHold> holds = parts.holds().list(tenantId);
        List<AnonymizedField> anonymize = RunLedger.anonymize(task);
        Optional<LegalHold> hold = TaskHolds.covering(dataset, task.getAction(), anonymize, holds, now);
        if (hold.isPresent()) {
            ledger.finish(tenantId, taskId, TaskState.HELD, 0, 0, 0, TaskHolds.reason(hold.get()));
            return TaskState.HELD;
        }
        Purging.Purge purge = requests.of(
                tenantId,
                task.getDataset(),
                task.getClockField(),
                task.getCutoff().toInstant(),
                anonymize,
                dataset,
                holds,
                now);
        OperationContext context = RetentionOperations.context(tenantId, taskId);
        if (ClockKind.EVENT.name().equals(task.getClockKind())) {
            if (TaskHolds.identityFields(dataset).isEmpty()) {
                // Changed in the catalog since the plan: without identities every record would be its own subject.
                throw ApplicationFailure.newNonRetryableFailure(
                        RetentionPlanner.EVENT_CLOCK_WITHOUT_IDENTITIES, RetentionActivitiesImpl.REFUSED);
            }
            // Read at each attempt, after the holds: whoever became active since the last attempt keeps their records.
            Set<String> active = activity.activeSince(tenantId, sources(run, task), purge.cutoff(), context);
            purge = requests.withActive(purge, tenantId, dataset, active);
        }
        Purging.Purge planned = purge;
        Purged purged = parts.connected().withConnector(tenantId, task.getConnectionId(), connector -> {
            if (!(connector instanceof Purging purging)) {
                throw ApplicationFailure.newNonRetryableFailure(
                        "the connection's connector cannot purge", RetentionActivitiesImpl.GONE);
            }
            // Counted once, before the first attempt: a later attempt does not walk the dataset again for it.
            long expired = task.getExpired() != null
                    ? task.getExpired()
                    : ledger.expired(
                            tenantId, taskId, purging.preview(context, planned).records());
            Purging.PurgeResult result = purging.purge(context, planned);
            long left = purging.preview(context, planned).records();
            // DELETE: what was expired before the first attempt and is gone now, whoever purged it;
            // ANONYMIZE may leave records matching, so its own count is the least it did.
            return new Purged(Math.max(result.records(), expired - left), result.held(), result.batches());
        });
        ledger.finish(tenantId, taskId, TaskState.DONE, purged.records(), purged.held(), purged.batches(), null);
        metrics.purged(task.getPolicyId(), purged.records());
        return TaskState.DONE;
    }

    /** Where an EVENT clock reads the subjects' activity: every dataset of the task's policy in this run. */
    private List<LastActivity.Source> sources(RunRef run, RetentionRunTaskRecord task) {
        return LastActivity.sources(ledger.policyTasks(run.tenantId(), run.runId(), task.getPolicyId()).stream()
                .map(sibling -> new LastActivity.Source(
                        sibling.getConnectionId(), sibling.getDatasetId(), sibling.getClockField()))
                .toList());
    }
}
