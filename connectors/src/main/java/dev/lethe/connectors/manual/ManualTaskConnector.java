package dev.lethe.connectors.manual;

import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.Deferring;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.Locating.DatasetCount;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Outcome;
import dev.lethe.connectors.spi.PendingOperation;
import dev.lethe.connectors.spi.PendingOperations;
import dev.lethe.connectors.spi.TestResult;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One manual connection. Each operation opens (idempotently) a task whose text is the connection's
 * instructions and what the request asks (the action, and for an erasure the plan's datasets,
 * fields and strategies); the subject's identities and a rectification's new value are personal
 * data and stay with the request, which the task names by its id. Once a person completed the task,
 * the same call returns {@link Outcome.Done} with their note and an empty result: the person's
 * account is the note, not counts.
 */
final class ManualTaskConnector implements Connector, Deferring {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ManualTaskConnectorConfig config;
    private final PendingOperations pending;

    ManualTaskConnector(ManualTaskConnectorConfig config, PendingOperations pending) {
        this.config = config;
        this.pending = pending;
    }

    @Override
    public TestResult test(OperationContext context) {
        // Nothing to reach: the instructions were checked with the settings.
        return new TestResult(List.of(TestResult.Check.passed("instructions set")));
    }

    @Override
    public Outcome<List<DatasetCount>> locate(OperationContext context, String connection, Identities subject) {
        return task(context, connection, Capability.LOCATE, "Find the subject's records and say how many in the note.")
                .map(List.of());
    }

    @Override
    public Outcome<List<AccessedRecord>> access(OperationContext context, String connection, Identities subject) {
        return task(
                        context,
                        connection,
                        Capability.ACCESS,
                        "Export the subject's records and attach them to the request as the note says.")
                .map(List.of());
    }

    @Override
    public Outcome<ErasureReport> erase(
            OperationContext context, String connection, Identities subject, ErasurePlan plan) {
        String rules = plan.rules().stream().map(ManualTaskConnector::describe).collect(Collectors.joining("\n"));
        return task(context, connection, Capability.ERASE, "Erase the subject's data by this plan:\n" + rules)
                .map(new ErasureReport(List.of()));
    }

    @Override
    public Outcome<Long> rectify(
            OperationContext context,
            String connection,
            Identities subject,
            String dataset,
            String field,
            String newValue) {
        return task(
                        context,
                        connection,
                        Capability.RECTIFY,
                        "Correct " + dataset + "." + field + " to the value the request gives.")
                .map(0L);
    }

    private Task task(OperationContext context, String connection, Capability action, String what) {
        context.checkpoint();
        String instructions = config.instructions() + "\n\nRequest " + context.operationId() + ": " + what;
        PendingOperations.Entry entry = pending.open(new PendingOperations.Opening(
                context, connection, action, PendingOperation.Kind.MANUAL_TASK, null, instructions, config.assignee()));
        return new Task(entry);
    }

    private static String describe(ErasureRule rule) {
        return "- " + rule.dataset() + (rule.field() == null ? "" : "." + rule.field()) + ": " + rule.strategy()
                + (rule.reason() == null ? "" : " (" + rule.reason() + ")");
    }

    /** A task as stored: pending, or completed with a note. */
    private record Task(PendingOperations.Entry entry) {

        <T> Outcome<T> map(T emptyResult) {
            if (entry.status() != PendingOperations.Status.COMPLETED) {
                return new Outcome.Pending<>(entry.operation());
            }
            return new Outcome.Done<>(emptyResult, note(entry.resultJson()));
        }

        private static String note(String json) {
            try {
                JsonNode note = JSON.readTree(json).path("note");
                return note.isString() ? note.stringValue() : null;
            } catch (JacksonException e) {
                throw ConnectorException.fatal("a completed manual task holds no readable note", null);
            }
        }
    }

    @Override
    public void close() {
        // Nothing held.
    }

    @Override
    public String toString() {
        return "ManualTaskConnector[assignee=" + config.assignee() + "]";
    }
}
