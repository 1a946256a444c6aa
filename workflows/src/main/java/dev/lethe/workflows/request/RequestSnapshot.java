package dev.lethe.workflows.request;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a request's workflow knows of its request: everything but the subject's identities, which
 * never enter the workflow's history (activities read them from the store by request id).
 *
 * @param regulation the regulation whose deadlines apply ({@code GDPR}, {@code CCPA}, {@code LGPD}, …)
 * @param dueAt when it must be answered (moved by an extension)
 * @param extended whether the one extension the regulation allows has been used
 * @param linkedTo the open request this one duplicates (it follows that one's outcome), or null
 * @param systems per connected system, its progress (empty until the request has been scoped)
 * @param revision grows with every change a person makes (approval, skip, retry, …): the workflow
 *     compares it to see whether anything changed while it waited
 */
public record RequestSnapshot(
        UUID id,
        UUID tenantId,
        RequestType type,
        RequestStatus status,
        String regulation,
        Instant receivedAt,
        Instant dueAt,
        boolean extended,
        UUID linkedTo,
        List<SystemProgress> systems,
        long revision) {

    public RequestSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        systems = List.copyOf(systems);
    }
}
