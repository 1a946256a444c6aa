package dev.lethe.workflows.retention;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a policy would purge now, per target, changing nothing. */
public record PolicyPreview(UUID policyId, Instant cutoff, List<TargetPreview> targets) {

    public PolicyPreview {
        targets = List.copyOf(targets);
    }
}
