package dev.lethe.workflows.request;

import java.time.Instant;

/** Which requests a list shows: each criterion that is not null must hold. */
public record RequestFilter(RequestStatus status, RequestType type, Instant dueBefore) {

    public static final RequestFilter ALL = new RequestFilter(null, null, null);
}
