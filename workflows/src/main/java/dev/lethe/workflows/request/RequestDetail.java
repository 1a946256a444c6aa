package dev.lethe.workflows.request;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One request as an officer sees it: its summary, the decisions on it, each system's progress with
 * its plan, the recipients it tells (Art. 19) and where each stands, and its timeline. No identity values.
 */
public record RequestDetail(
        RequestSummary request,
        Decisions decisions,
        List<SystemView> systems,
        List<RequestRecipients.Recipient> recipients,
        List<TimelineEntry> timeline,
        long revision) {

    public RequestDetail {
        systems = List.copyOf(systems);
        recipients = List.copyOf(recipients);
        timeline = List.copyOf(timeline);
    }

    /** Who approved (and why), why it was denied, extended or held; null where it has not happened. */
    public record Decisions(
            String approvedBy,
            Instant approvedAt,
            String approvalReason,
            String denialReason,
            String extensionReason,
            String holdReason) {}

    /** A system's progress and the plan recorded for it (JSON, or null before it was planned). */
    public record SystemView(SystemProgress progress, String planJson) {}

    /** One entry of the timeline: what happened, when, by whom. */
    public record TimelineEntry(Instant at, String actor, String kind, Map<String, String> details) {

        public TimelineEntry {
            details = Map.copyOf(details);
        }
    }

    public UUID id() {
        return request.id();
    }
}
