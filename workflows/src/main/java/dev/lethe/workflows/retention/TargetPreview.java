package dev.lethe.workflows.retention;

import java.time.Instant;
import java.util.UUID;

/**
 * What a policy would purge now in one dataset through one connection: the state a run would give the
 * task (PENDING: it would purge; SKIPPED, HELD, FAILED: it would not, for {@code reason}), and for PENDING
 * the connector's own count.
 *
 * @param held expired records a run would leave because they are a held subject's
 * @param oldest the clock value of the oldest record that would go, or null when none would
 * @param newest the clock value of the newest record that would go, or null when none would
 */
public record TargetPreview(
        UUID systemId,
        String systemName,
        UUID connectionId,
        String dataset,
        TaskState state,
        String reason,
        long records,
        long held,
        Instant oldest,
        Instant newest) {}
