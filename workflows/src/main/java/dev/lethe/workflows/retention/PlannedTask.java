package dev.lethe.workflows.retention;

import dev.lethe.catalog.retention.ClockKind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the planner makes of one policy on one dataset: a task to run (PENDING) or one that is not run, with
 * its reason (SKIPPED, HELD, FAILED).
 *
 * @param clockKind FIELD: a record expires by its own {@code clockField}; EVENT: by its subject's last
 *     activity, the newest {@code clockField} value of the subject's records across the policy's datasets
 */
record PlannedTask(
        UUID policyId,
        String policyName,
        UUID systemId,
        UUID connectionId,
        UUID datasetId,
        String dataset,
        String clockField,
        ClockKind clockKind,
        Instant cutoff,
        String action,
        List<AnonymizedField> anonymize,
        TaskState state,
        String reason) {

    PlannedTask {
        anonymize = List.copyOf(anonymize);
    }

    PlannedTask withState(TaskState next, String why) {
        return new PlannedTask(
                policyId,
                policyName,
                systemId,
                connectionId,
                datasetId,
                dataset,
                clockField,
                clockKind,
                cutoff,
                action,
                anonymize,
                next,
                why);
    }
}
