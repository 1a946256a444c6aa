package dev.lethe.workflows.run;

import java.util.Objects;
import java.util.UUID;

/**
 * Names one request to the activities: its tenant and id, nothing else. This is all the workflow
 * hands to an activity about the request; the activities read the rest (identities included) from
 * the request store.
 */
public record RequestRef(UUID tenantId, UUID requestId) {

    public RequestRef {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(requestId, "requestId");
    }
}
