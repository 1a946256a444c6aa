package dev.lethe.workflows.retention;

import java.time.Instant;
import java.util.UUID;

/** When a policy was last enforced on a dataset (its latest DONE task), for the record of processing. */
public record LastEnforcement(UUID policyId, UUID systemId, UUID datasetId, String dataset, Instant enforcedAt) {}
