package dev.lethe.workflows.request;

import java.time.Duration;

/** Told after a request has reached a final status and that has been committed (metrics: time to close). */
@FunctionalInterface
public interface RequestClosings {

    /** @param open from receipt to closing */
    void closed(RequestType type, RequestStatus outcome, Duration open);

    RequestClosings NONE = (type, outcome, open) -> {};
}
