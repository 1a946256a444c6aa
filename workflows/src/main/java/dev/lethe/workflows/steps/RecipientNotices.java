package dev.lethe.workflows.steps;

import dev.lethe.catalog.flow.DataFlow;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.workflows.request.RequestRecipients;
import dev.lethe.workflows.request.RequestRecipients.Recipient;
import dev.lethe.workflows.request.RequestRecipients.State;
import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.RequestType;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import dev.lethe.workflows.run.RecipientSummary;
import dev.lethe.workflows.run.RequestRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tells a request's recipients (Art. 19) once the request's own work is done, and settles those that
 * answered: a recipient told through its connection has acknowledged when the request's step there is
 * DONE (its webhook answered, its manual task was completed) and is waived, with the reason, when that
 * system was skipped; one without a connection gets a manual task (once), and has acknowledged when a
 * person completed it. Idempotent: run again, it opens nothing twice and records nothing twice.
 */
final class RecipientNotices {

    /** Who settles what the workflow settles, as {@code settled_by}: not a person's waiver. */
    static final String WORKFLOW = "workflow";

    /** Who is asked to tell a recipient without a connection. */
    static final String ASSIGNEE = "PRIVACY_OFFICER";

    private final RequestStore store;
    private final DataFlows flows;

    RecipientNotices(RequestStore store, DataFlows flows) {
        this.store = store;
        this.flows = flows;
    }

    RecipientSummary tell(RequestRef ref) {
        UUID tenant = ref.tenantId();
        RequestRecipients recipients = store.recipients();
        List<Recipient> all = recipients.list(tenant, ref.requestId());
        if (all.isEmpty()) {
            return RecipientSummary.NONE;
        }
        RequestSnapshot snapshot = store.snapshot(tenant, ref.requestId());
        Map<UUID, SystemProgress> systems = snapshot.systems().stream()
                .collect(Collectors.toMap(SystemProgress::connectionId, Function.identity()));
        Map<UUID, String> flowNames =
                flows.list(tenant).stream().collect(Collectors.toMap(DataFlow::id, DataFlow::name, (a, b) -> a));
        for (Recipient recipient : all) {
            if (recipient.state().settled()) {
                continue;
            }
            switch (recipient.via()) {
                case CONNECTION -> settleThroughConnection(ref, recipient, systems.get(recipient.connectionId()));
                case TASK -> settleThroughTask(ref, snapshot.type(), recipient, flowNames);
            }
        }
        List<Recipient> now = recipients.list(tenant, ref.requestId());
        int open = (int) now.stream().filter(r -> !r.state().settled()).count();
        int waived = (int) now.stream()
                .filter(r -> r.state() == State.WAIVED && !WORKFLOW.equals(r.settledBy()))
                .count();
        return new RecipientSummary(now.size(), open, waived);
    }

    private void settleThroughConnection(RequestRef ref, Recipient recipient, SystemProgress system) {
        RequestRecipients recipients = store.recipients();
        if (system == null) {
            recipients.settle(
                    ref.tenantId(),
                    ref.requestId(),
                    recipient.id(),
                    State.WAIVED,
                    "its connection is no longer part of the request",
                    RequestStore.WORKFLOW,
                    WORKFLOW);
        } else if (system.state() == SystemState.DONE) {
            recipients.settle(
                    ref.tenantId(),
                    ref.requestId(),
                    recipient.id(),
                    State.ACKNOWLEDGED,
                    null,
                    RequestStore.WORKFLOW,
                    "connection:" + system.name());
        } else if (system.state() == SystemState.SKIPPED) {
            // An officer's skip (its reason) or nothing of the subject there: the system's detail says which.
            recipients.settle(
                    ref.tenantId(),
                    ref.requestId(),
                    recipient.id(),
                    State.WAIVED,
                    "its system was skipped: " + Objects.requireNonNullElse(system.detail(), "no reason recorded"),
                    RequestStore.WORKFLOW,
                    WORKFLOW);
        } else {
            recipients.notified(ref.tenantId(), ref.requestId(), recipient.id());
        }
    }

    private void settleThroughTask(RequestRef ref, RequestType type, Recipient recipient, Map<UUID, String> flowNames) {
        RequestRecipients recipients = store.recipients();
        UUID task = recipient.taskId();
        if (task == null) {
            recipients.openTask(
                    ref.tenantId(),
                    ref.requestId(),
                    recipient.id(),
                    RequestOperations.operationId(ref.requestId()),
                    instructions(ref, type, recipient, flowNames),
                    ASSIGNEE);
            task = recipients.list(ref.tenantId(), ref.requestId()).stream()
                    .filter(r -> r.id().equals(recipient.id()))
                    .findFirst()
                    .map(Recipient::taskId)
                    .orElse(null);
        }
        String completedBy = task == null ? null : recipients.taskCompletedBy(ref.tenantId(), task);
        if (completedBy != null) {
            recipients.settle(
                    ref.tenantId(),
                    ref.requestId(),
                    recipient.id(),
                    State.ACKNOWLEDGED,
                    null,
                    RequestStore.WORKFLOW,
                    completedBy);
        }
    }

    /** What the person is asked: the recipient, the request and the flows; never the subject. */
    static String instructions(RequestRef ref, RequestType type, Recipient recipient, Map<UUID, String> flowNames) {
        String done = switch (type) {
            case ERASURE -> "erased";
            case RECTIFICATION -> "rectified";
            case RESTRICTION -> "restricted the processing of";
            default -> throw new IllegalArgumentException(type + " is not communicated to recipients");
        };
        String named = recipient.flows().stream()
                .map(flow -> flowNames.getOrDefault(flow, flow.toString()))
                .sorted()
                .collect(Collectors.joining(", "));
        return "GDPR Art. 19: tell " + recipient.recipient() + " that we have " + done
                + " the personal data of a data subject whose data was disclosed to them (data flows: " + named
                + "), and ask them to do the same. Request " + ref.requestId()
                + " holds the subject's identities; they are not repeated here. Complete this task with a note:"
                + " when and how the recipient was told, and what they answered. If they cannot be told, an"
                + " officer waives the recipient on the request with the reason instead.";
    }
}
