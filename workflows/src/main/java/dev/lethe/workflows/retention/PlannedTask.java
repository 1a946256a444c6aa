package dev.lethe.workflows.retention;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the planner makes of one policy on one dataset: a task to run (PENDING) or one that is not run, with
 * its reason (SKIPPED, HELD, FAILED).
 */
record PlannedTask(
        UUID policyId,
        String policyName,
        UUID systemId,
        UUID connectionId,
        UUID datasetId,
        String dataset,
        String clockField,
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
                cutoff,
                action,
                anonymize,
                next,
                why);
    }
}
