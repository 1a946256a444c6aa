package dev.lethe.workflows.request;

import dev.lethe.connectors.spi.Identities;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a request's workflow reads and records. PostgreSQL is the source of truth: the embedded
 * Temporal server forgets everything when it stops, so a workflow started again for the same request
 * reads where it was from here. Every method is idempotent, because activities are retried.
 * Thread-safe.
 */
public interface RequestLedger {

    /** The request as it is now. @throws dev.lethe.catalog.change.NotFoundException if unknown */
    RequestSnapshot snapshot(UUID tenantId, UUID requestId);

    /** The subject's identities, opened from their sealed form; for activities only, never for the workflow. */
    Identities identities(UUID tenantId, UUID requestId);

    /**
     * Moves the request to {@code next} when the lifecycle allows it from where it is, with a timeline
     * entry and an audit entry; does nothing when it is there already.
     *
     * @return whether it moved
     * @throws IllegalStateException if the lifecycle does not allow the move (the request was closed)
     */
    boolean transition(UUID tenantId, UUID requestId, RequestStatus next, String note);

    /** Records one system's progress (inserted on first sight, replaced after), with a timeline entry when its state changes. */
    void recordSystem(UUID tenantId, UUID requestId, SystemProgress progress);

    /**
     * Keeps what the request will do in one system (for an erasure: the plan, shown to the approver
     * before approval and applied after it), as JSON without personal data; replaces an earlier one.
     */
    void recordPlan(UUID tenantId, UUID requestId, UUID connectionId, String planJson);

    /** The plan recorded for one system, if any. */
    Optional<String> plan(UUID tenantId, UUID requestId, UUID connectionId);

    /**
     * Appends an entry to the request's timeline and to the audit chain: {@code kind} such as
     * {@code request.reminder}, details without personal data.
     */
    void recordEvent(UUID tenantId, UUID requestId, String kind, Map<String, String> details);
}
