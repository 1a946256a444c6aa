package dev.lethe.workflows.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A request as lists show it: no identity values, only their types.
 *
 * @param createdBy who filed it ({@code api_key:<id>})
 * @param closedAt when it reached a final status, or null
 */
public record RequestSummary(
        UUID id,
        RequestType type,
        RequestStatus status,
        String regulation,
        Channel channel,
        List<String> identityTypes,
        Instant receivedAt,
        Instant dueAt,
        boolean extended,
        UUID linkedTo,
        String createdBy,
        Instant closedAt) {

    public RequestSummary {
        identityTypes = List.copyOf(identityTypes);
    }
}
