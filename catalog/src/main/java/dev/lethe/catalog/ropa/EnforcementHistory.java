package dev.lethe.catalog.ropa;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * When each retention policy was last enforced on each dataset, as the retention runs recorded it (their
 * DONE tasks). The catalog does not run retention: whoever does tells the record of processing.
 */
@FunctionalInterface
public interface EnforcementHistory {

    /** Nothing was ever enforced. */
    EnforcementHistory NONE = tenantId -> List.of();

    /** The latest enforcement of each policy on each dataset of the tenant; call it as the tenant. */
    List<Enforced> lastEnforced(UUID tenantId);

    /** A policy last enforced on a dataset {@code at}; {@code datasetId} null when the run did not know it. */
    record Enforced(UUID policyId, UUID datasetId, Instant at) {}
}
