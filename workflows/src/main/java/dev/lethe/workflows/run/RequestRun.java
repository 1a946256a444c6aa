package dev.lethe.workflows.run;

import java.util.Objects;
import java.util.UUID;

/** A request workflow's input: which request (ids only, no personal data) and its timings. */
public record RequestRun(UUID tenantId, UUID requestId, RequestTimings timings) {

    public RequestRun {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(timings, "timings");
    }

    RequestRef ref() {
        return new RequestRef(tenantId, requestId);
    }
}
