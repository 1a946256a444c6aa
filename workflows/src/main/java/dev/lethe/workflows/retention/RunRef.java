package dev.lethe.workflows.retention;

import java.util.Objects;
import java.util.UUID;

/** A run as workflows and activities name it: ids only. */
public record RunRef(UUID tenantId, UUID runId) {

    public RunRef {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(runId, "runId");
    }
}
