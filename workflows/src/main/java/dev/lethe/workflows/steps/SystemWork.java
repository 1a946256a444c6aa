package dev.lethe.workflows.steps;

import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.subject.SubjectMaps;
import dev.lethe.connectors.spi.Accessing;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.Deferring;
import dev.lethe.connectors.spi.Erasing;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.Locating;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Outcome;
import dev.lethe.connectors.spi.Rectifying;
import dev.lethe.connectors.spi.SubjectMap;
import dev.lethe.workflows.erasure.SystemErasurePlan;
import dev.lethe.workflows.request.RequestSnapshot;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.Subject;
import dev.lethe.workflows.request.SubjectRestrictions;
import dev.lethe.workflows.request.SystemProgress;
import dev.lethe.workflows.request.SystemState;
import dev.lethe.workflows.run.RequestRef;
import dev.lethe.workflows.run.SystemOutcome;
import dev.lethe.workflows.systems.CatalogSubjectMap;
import dev.lethe.workflows.systems.ConnectedSystem;
import dev.lethe.workflows.systems.ConnectedSystems;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Does a request's work in one system — erase by the recorded plan, stream the subject's records into
 * the package, correct values, record a restriction or an objection — and records the system's progress
 * and its own report of what it did. Repeating it is safe: connectors erase and correct idempotently, a
 * package part is rewritten whole, and a system that answers later (webhook, manual task) hands back the
 * same pending operation until it has answered, then its answer.
 */
final class SystemWork {

    private final RequestStore store;
    private final ConnectedSystems connected;
    private final SubjectMaps subjectMaps;
    private final CorrectedFields fields;
    private final SystemResults results;
    private final SubjectRestrictions restrictions;
    private final Evidence parts;

    SystemWork(
            RequestStore store,
            ConnectedSystems connected,
            SubjectMaps subjectMaps,
            Datasets datasets,
            SystemResults results,
            SubjectRestrictions restrictions,
            Evidence parts) {
        this.store = store;
        this.connected = connected;
        this.subjectMaps = subjectMaps;
        this.fields = new CorrectedFields(datasets);
        this.results = results;
        this.restrictions = restrictions;
        this.parts = parts;
    }

    /** What one system's work came to: done with its report, or waiting for a pending operation. */
    private sealed interface Result {}

    private record Done(long affected, long exceptions, Map<String, Object> report) implements Result {}

    private record Waiting(String pendingOperation) implements Result {}

    SystemOutcome run(RequestRef ref, UUID connectionId, boolean collecting) {
        RequestSnapshot snapshot = store.snapshot(ref.tenantId(), ref.requestId());
        SystemProgress progress = snapshot.systems().stream()
                .filter(system -> system.connectionId().equals(connectionId))
                .findFirst()
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "the system is not part of the request", "UnknownSystem"));
        if (progress.state() == SystemState.DONE) {
            return SystemOutcome.done(connectionId, 0, recordedExceptions(ref, connectionId));
        }
        if (!collecting) {
            store.recordSystem(ref.tenantId(), ref.requestId(), progress.withState(SystemState.RUNNING, null));
        }
        ConnectedSystem system = connected
                .find(ref.tenantId(), connectionId)
                .orElseThrow(
                        () -> ApplicationFailure.newNonRetryableFailure("the connection was removed", "UnknownSystem"));
        Subject subject = store.subject(ref.tenantId(), ref.requestId());
        SubjectMap map = CatalogSubjectMap.of(subjectMaps.forSystem(ref.tenantId(), system.systemId()));
        Result result = connected.withConnector(
                ref.tenantId(), connectionId, connector -> perform(ref, snapshot, system, connector, subject, map));
        return switch (result) {
            case Waiting waiting -> {
                store.recordSystem(
                        ref.tenantId(),
                        ref.requestId(),
                        withPending(progress, SystemState.WAITING, "waiting for the system or a person", waiting));
                yield SystemOutcome.waiting(connectionId, waiting.pendingOperation());
            }
            case Done done -> {
                Map<String, Object> outcome = new LinkedHashMap<>(done.report());
                outcome.put("affected", done.affected());
                outcome.put("exceptions", done.exceptions());
                results.recordOutcome(ref.tenantId(), ref.requestId(), connectionId, outcome);
                store.recordSystem(
                        ref.tenantId(),
                        ref.requestId(),
                        withPending(progress, SystemState.DONE, done.affected() + " records", null));
                yield SystemOutcome.done(connectionId, done.affected(), done.exceptions());
            }
        };
    }

    private Result perform(
            RequestRef ref,
            RequestSnapshot snapshot,
            ConnectedSystem system,
            Connector connector,
            Subject subject,
            SubjectMap map) {
        OperationContext context = RequestOperations.context(ref);
        return switch (snapshot.type()) {
            case ERASURE -> erase(ref, system, connector, subject, map, context);
            case ACCESS, EXPORT -> access(ref, system, connector, subject, map, context);
            case RECTIFICATION -> rectify(ref, system, connector, subject, map, context);
            case RESTRICTION -> {
                restrictions.restrict(ref.tenantId(), ref.requestId());
                // No built-in connector can mark records restricted: Lethe's record is what enforces it.
                yield new Done(0, 1, Map.of("note", "restriction recorded in Lethe; the system cannot mark it"));
            }
            case OBJECTION -> {
                restrictions.object(ref.tenantId(), ref.requestId(), subject.purpose());
                yield new Done(0, 0, Map.of("note", "objection recorded in Lethe"));
            }
        };
    }

    private Result erase(
            RequestRef ref,
            ConnectedSystem system,
            Connector connector,
            Subject subject,
            SubjectMap map,
            OperationContext context) {
        SystemErasurePlan plan = store.plan(ref.tenantId(), ref.requestId(), system.connectionId())
                .map(SystemErasurePlan::fromJson)
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "no erasure plan was recorded for the system", "NoPlan"));
        long exceptions = plan.retained().size()
                + plan.heldBack().size()
                + plan.unmapped().size();
        if (connector instanceof Deferring deferring) {
            return switch (deferring.erase(
                    context, system.connectionId().toString(), subject.identities(), plan.plan())) {
                case Outcome.Done<ErasureReport> done -> erased(done.result(), exceptions);
                case Outcome.Pending<ErasureReport> pending ->
                    new Waiting(pending.operation().id());
            };
        }
        if (!(connector instanceof Erasing erasing)) {
            throw unsupported(system, "erase");
        }
        // An attempt may erase and then die before the system is recorded DONE (a worker killed, a
        // timeout); the next attempt finds nothing left and would report nothing erased. So the
        // subject's records are counted before the first attempt, kept, and the report says at least
        // what they were.
        Map<String, Long> before = Map.of();
        if (connector instanceof Locating locating) {
            before = results.before(ref.tenantId(), ref.requestId(), system.connectionId())
                    .orElseGet(() -> {
                        Map<String, Long> counts = new LinkedHashMap<>();
                        locating.locate(context, subject.identities(), map)
                                .forEach(count -> counts.put(count.dataset(), count.records()));
                        results.recordBefore(ref.tenantId(), ref.requestId(), system.connectionId(), counts);
                        return counts;
                    });
        }
        return erased(erasing.erase(context, subject.identities(), map, plan.plan()), exceptions, before);
    }

    private static Done erased(ErasureReport report, long exceptions) {
        return erased(report, exceptions, Map.of());
    }

    /** @param before the subject's records per dataset before the first attempt (empty: not counted) */
    private static Done erased(ErasureReport report, long exceptions, Map<String, Long> before) {
        report = new ErasureReport(report.outcomes().stream()
                .map(outcome -> outcome.strategy() == ErasureStrategy.RETAIN
                        ? outcome
                        : new ErasureReport.Outcome(
                                outcome.dataset(),
                                outcome.field(),
                                outcome.strategy(),
                                Math.max(outcome.records(), before.getOrDefault(outcome.dataset(), 0L)),
                                outcome.reason()))
                .toList());
        long affected = report.outcomes().stream()
                .filter(outcome -> outcome.strategy() != ErasureStrategy.RETAIN)
                .mapToLong(ErasureReport.Outcome::records)
                .sum();
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (ErasureReport.Outcome outcome : report.outcomes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dataset", outcome.dataset());
            entry.put("field", outcome.field());
            entry.put("strategy", outcome.strategy().name());
            entry.put("records", outcome.records());
            entry.put("reason", outcome.reason());
            outcomes.add(entry);
        }
        // The counts stay with the report: an attempt after this one (killed before the system was
        // recorded DONE) must find them, not count the records it left behind.
        return new Done(
                affected,
                exceptions,
                before.isEmpty() ? Map.of("erased", outcomes) : Map.of("erased", outcomes, "before", before));
    }

    private Result access(
            RequestRef ref,
            ConnectedSystem system,
            Connector connector,
            Subject subject,
            SubjectMap map,
            OperationContext context) {
        if (connector instanceof Deferring deferring) {
            return switch (deferring.access(context, system.connectionId().toString(), subject.identities())) {
                case Outcome.Done<List<Deferring.AccessedRecord>> done -> {
                    long records = parts.write(
                            ref,
                            system,
                            sink -> done.result().forEach(record -> sink.accept(record.dataset(), record.values())));
                    yield new Done(records, 0, Map.of("records", records));
                }
                case Outcome.Pending<List<Deferring.AccessedRecord>> pending ->
                    new Waiting(pending.operation().id());
            };
        }
        if (!(connector instanceof Accessing accessing)) {
            throw unsupported(system, "export records");
        }
        long records = parts.write(ref, system, sink -> accessing.access(context, subject.identities(), map, sink));
        return new Done(records, 0, Map.of("records", records));
    }

    private Result rectify(
            RequestRef ref,
            ConnectedSystem system,
            Connector connector,
            Subject subject,
            SubjectMap map,
            OperationContext context) {
        String connection = system.connectionId().toString();
        long changed = 0;
        List<Map<String, Object>> corrected = new ArrayList<>();
        for (Map.Entry<String, String> correction : subject.corrections().entrySet()) {
            if (connector instanceof Deferring deferring) {
                // The system keeps its own map: it is told what to correct, by identity type or category.
                Outcome<Long> outcome = deferring.rectify(
                        context,
                        connection,
                        subject.identities(),
                        "subject",
                        correction.getKey(),
                        correction.getValue());
                if (outcome instanceof Outcome.Pending<Long> pending) {
                    return new Waiting(pending.operation().id());
                }
                changed += ((Outcome.Done<Long>) outcome).result();
                corrected.add(Map.of("what", correction.getKey()));
                continue;
            }
            if (!(connector instanceof Rectifying rectifying)) {
                throw unsupported(system, "correct values");
            }
            for (CorrectedFields.Field field :
                    fields.holding(ref.tenantId(), system.systemId(), map, correction.getKey())) {
                long records = rectifying.rectify(
                        context, subject.identities(), map, field.dataset(), field.field(), correction.getValue());
                changed += records;
                corrected.add(Map.of("dataset", field.dataset(), "field", field.field(), "records", records));
            }
        }
        return new Done(changed, 0, Map.of("corrected", corrected));
    }

    private long recordedExceptions(RequestRef ref, UUID connectionId) {
        Object exceptions = results.outcomes(ref.tenantId(), ref.requestId())
                .getOrDefault(connectionId, Map.of())
                .get("exceptions");
        return exceptions instanceof Number number ? number.longValue() : 0;
    }

    private static SystemProgress withPending(
            SystemProgress progress, SystemState state, String detail, Waiting waiting) {
        return new SystemProgress(
                progress.connectionId(),
                progress.systemId(),
                progress.name(),
                progress.connectorType(),
                state,
                progress.found(),
                detail,
                waiting == null ? null : waiting.pendingOperation(),
                progress.attempts());
    }

    private static ApplicationFailure unsupported(ConnectedSystem system, String what) {
        return ApplicationFailure.newNonRetryableFailure(
                "connections of type " + system.connectorType() + " cannot " + what, "UnsupportedCapability");
    }
}
