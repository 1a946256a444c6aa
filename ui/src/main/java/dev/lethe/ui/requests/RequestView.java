package dev.lethe.ui.requests;

import dev.lethe.workflows.request.Channel;
import dev.lethe.workflows.request.RequestDetail;
import dev.lethe.workflows.request.RequestRecipients;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestSummary;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One request as the API shows it: identity types but no values, each system with its plan, the timeline. */
record RequestView(
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
        Instant closedAt,
        RequestDetail.Decisions decisions,
        List<SystemView> systems,
        List<RequestRecipients.Recipient> recipients,
        List<RequestDetail.TimelineEntry> timeline,
        long revision) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A system's progress; {@code plan} is the recorded plan's JSON (null before it was planned). */
    record SystemView(
            UUID connectionId,
            UUID systemId,
            String name,
            String connectorType,
            SystemState state,
            long found,
            String detail,
            String pendingOperation,
            int attempts,
            JsonNode plan) {}

    static RequestView of(RequestDetail detail) {
        RequestSummary request = detail.request();
        return new RequestView(
                request.id(),
                request.type(),
                request.status(),
                request.regulation(),
                request.channel(),
                request.identityTypes(),
                request.receivedAt(),
                request.dueAt(),
                request.extended(),
                request.linkedTo(),
                request.createdBy(),
                request.closedAt(),
                detail.decisions(),
                detail.systems().stream().map(RequestView::system).toList(),
                detail.recipients(),
                detail.timeline(),
                detail.revision());
    }

    private static SystemView system(RequestDetail.SystemView system) {
        SystemProgress progress = system.progress();
        return new SystemView(
                progress.connectionId(),
                progress.systemId(),
                progress.name(),
                progress.connectorType(),
                progress.state(),
                progress.found(),
                progress.detail(),
                progress.pendingOperation(),
                progress.attempts(),
                system.planJson() == null ? null : JSON.readTree(system.planJson()));
    }
}
