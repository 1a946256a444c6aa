package dev.lethe.workflows.retention;

import java.time.Instant;
import java.util.UUID;

/**
 * One policy's purge of one dataset through one connection within a run, and what it came to.
 *
 * @param connectionId null when no connection of the system can purge (the task is SKIPPED)
 * @param clockField the field whose value starts the period, or null when it could not be found
 * @param action {@code DELETE} or {@code ANONYMIZE}
 * @param records how many records were deleted or anonymized
 * @param held how many expired records were left because a held subject's
 * @param attempts how many times the purge was tried
 * @param reason why the task was skipped, held or failed (never personal data)
 */
public record RunTask(
        UUID id,
        UUID policyId,
        String policyName,
        UUID systemId,
        UUID connectionId,
        String dataset,
        String clockField,
        Instant cutoff,
        String action,
        TaskState state,
        long records,
        long held,
        int batches,
        int attempts,
        String reason,
        Instant startedAt,
        Instant finishedAt) {}
