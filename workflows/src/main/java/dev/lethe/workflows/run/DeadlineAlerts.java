package dev.lethe.workflows.run;

import dev.lethe.workflows.request.RequestSnapshot;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The deadline's durable timers: a reminder at each lead time before the due date, and the overdue
 * flag at it, each recorded once per due date. An extension moves the due date: the timers are set
 * again from the new one (the event's details name the due date, so the store records each once
 * even when a restarted workflow fires it again).
 */
final class DeadlineAlerts {

    static final String REMINDER = "request.reminder";
    static final String OVERDUE = "request.overdue";

    private final RequestView view;
    private final RequestActivities store;
    private final RequestRef ref;
    private final List<Duration> leads;
    private final Set<String> recorded = new HashSet<>();

    DeadlineAlerts(RequestView view, RequestActivities store, RequestRef ref, List<Duration> leads) {
        this.view = view;
        this.store = store;
        this.ref = ref;
        this.leads = leads;
    }

    void run() {
        while (!view.latest().status().closed()) {
            Instant due = view.latest().dueAt();
            Instant next = due == null ? null : fireDue(due);
            if (next == null) {
                Workflow.await(() -> moved(due));
            } else {
                Duration wait = Duration.between(now(), next);
                Workflow.await(wait, () -> moved(due));
            }
        }
    }

    /** Records what is due now; returns when the next alert is due, or null if none is left. */
    private Instant fireDue(Instant due) {
        Instant now = now();
        Instant next = null;
        for (Alert alert : alerts(due)) {
            if (recorded.contains(alert.key())) {
                continue;
            }
            if (alert.at().isAfter(now)) {
                next = next == null || alert.at().isBefore(next) ? alert.at() : next;
            } else {
                // A reminder whose moment passed together with the due date itself says nothing new.
                if (alert.kind().equals(OVERDUE) || now.isBefore(due)) {
                    store.recordEvent(ref, alert.kind(), alert.details());
                }
                recorded.add(alert.key());
            }
        }
        return next;
    }

    private List<Alert> alerts(Instant due) {
        List<Alert> alerts = new ArrayList<>();
        for (Duration lead : leads) {
            alerts.add(new Alert(
                    REMINDER,
                    due.minus(lead),
                    new TreeMap<>(Map.of("dueAt", due.toString(), "lead", lead.toString()))));
        }
        alerts.add(new Alert(OVERDUE, due, new TreeMap<>(Map.of("dueAt", due.toString()))));
        return alerts;
    }

    private boolean moved(Instant due) {
        RequestSnapshot latest = view.latest();
        return latest.status().closed() || !Objects.equals(latest.dueAt(), due);
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }

    /** Details in a fixed order, so the activity's arguments are the same on every replay. */
    private record Alert(String kind, Instant at, Map<String, String> details) {
        String key() {
            return kind + details;
        }
    }
}
