package dev.lethe.connectors.webhook;

import dev.lethe.connectors.guard.GuardedTarget;
import dev.lethe.connectors.guard.OutboundRefusedException;
import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
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
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One webhook connection. Each operation opens (or finds) its {@link PendingOperation} first, so the
 * request can carry a one-time callback URL and a retry is recognised; then POSTs the signed
 * request, retrying what may work later with backoff. Thread-safe: it holds settings only.
 */
final class WebhookConnector implements Connector, Deferring {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookConnectorConfig config;
    private final PendingOperations pending;
    private final WebhookDelivery delivery;

    WebhookConnector(
            WebhookConnectorConfig config,
            ConnectorRuntime runtime,
            PendingOperations pending,
            Backoff backoff,
            Clock clock) {
        this.config = config;
        this.pending = pending;
        this.delivery = new WebhookDelivery(config, runtime.guard(), backoff, clock);
    }

    @Override
    public TestResult test(OperationContext context) {
        List<TestResult.Check> checks = new ArrayList<>();
        GuardedTarget target;
        try {
            target = delivery.target();
            checks.add(TestResult.Check.passed("address allowed"));
        } catch (OutboundRefusedException e) {
            checks.add(TestResult.Check.failed("address allowed", e.getMessage()));
            return new TestResult(checks);
        }
        ObjectNode body = request("test", context);
        try {
            PinnedHttp.Response response = delivery.sendOnce(target, body, context.operationId());
            checks.add(
                    response.status() / 100 == 2
                            ? TestResult.Check.passed("service accepts signed requests")
                            : TestResult.Check.failed(
                                    "service accepts signed requests",
                                    "the service answered " + response.status()
                                            + WebhookDelivery.hint(response.status())));
        } catch (IOException e) {
            checks.add(TestResult.Check.failed("service accepts signed requests", delivery.failure(e)));
        }
        return new TestResult(checks);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Outcome<List<DatasetCount>> locate(OperationContext context, String connection, Identities subject) {
        return (Outcome<List<DatasetCount>>) run(context, connection, Capability.LOCATE, subject, body -> {});
    }

    @Override
    @SuppressWarnings("unchecked")
    public Outcome<List<AccessedRecord>> access(OperationContext context, String connection, Identities subject) {
        return (Outcome<List<AccessedRecord>>) run(context, connection, Capability.ACCESS, subject, body -> {});
    }

    @Override
    @SuppressWarnings("unchecked")
    public Outcome<ErasureReport> erase(
            OperationContext context, String connection, Identities subject, ErasurePlan plan) {
        return (Outcome<ErasureReport>) run(context, connection, Capability.ERASE, subject, body -> {
            ArrayNode rules = body.putArray("plan");
            for (ErasureRule rule : plan.rules()) {
                rules.addObject()
                        .put("dataset", rule.dataset())
                        .put("field", rule.field())
                        .put("strategy", rule.strategy().name())
                        .put("category", rule.category())
                        .put("reason", rule.reason());
            }
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Outcome<Long> rectify(
            OperationContext context,
            String connection,
            Identities subject,
            String dataset,
            String field,
            String newValue) {
        return (Outcome<Long>) run(
                context,
                connection,
                Capability.RECTIFY,
                subject,
                body -> body.put("dataset", dataset).put("field", field).put("value", newValue));
    }

    private Outcome<?> run(
            OperationContext context,
            String connection,
            Capability action,
            Identities subject,
            Consumer<ObjectNode> arguments) {
        if (!config.actions().contains(action)) {
            throw ConnectorException.fatal(
                    "this webhook connection does not take " + verb(action) + " (setting actions)", null);
        }
        context.checkpoint();
        PendingOperations.Entry entry = pending.open(new PendingOperations.Opening(
                context, connection, action, PendingOperation.Kind.CALLBACK, config.callbackExpiry(), null, null));
        switch (entry.status()) {
            case COMPLETED -> {
                if (entry.resultJson() == null) {
                    // Cleared once the request that asked had finished: nothing is left to hand out.
                    throw ConnectorException.fatal(
                            "the service's result for " + verb(action)
                                    + " was cleared after its request finished; a new request asks again",
                            null);
                }
                return done(action, entry.resultJson(), "its callback");
            }
            case WAITING -> {
                return new Outcome.Pending<>(entry.operation());
            }
            case ISSUED -> {
                // sent below
            }
        }
        ObjectNode body = request(verb(action), context);
        body.set("identities", JSON.valueToTree(subject.values()));
        arguments.accept(body);
        body.put("callbackUrl", entry.callbackUrl().toString());
        PinnedHttp.Response response =
                delivery.send(context, verb(action), body, entry.operation().id());
        if (response.status() == 202) {
            pending.waiting(context.tenant(), entry.operation().id());
            return new Outcome.Pending<>(entry.operation());
        }
        String result = response.text();
        Outcome<?> done = done(action, result, "its answer");
        if (action != Capability.ACCESS) {
            // Kept so a retry returns it without asking again; access results are personal data,
            // and reading again is harmless, so they are not kept.
            pending.complete(context.tenant(), entry.operation().id(), result);
        }
        return done;
    }

    private static Outcome<?> done(Capability action, String json, String source) {
        try {
            return new Outcome.Done<>(WebhookResults.parse(action, json), WebhookResults.note(json));
        } catch (IllegalArgumentException e) {
            throw ConnectorException.fatal(
                    "the service's result for " + verb(action) + " in " + source + " does not fit: " + e.getMessage(),
                    null);
        }
    }

    private static ObjectNode request(String action, OperationContext context) {
        ObjectNode body = JSON.createObjectNode();
        body.put("action", action);
        body.put("requestId", context.operationId());
        return body;
    }

    private static String verb(Capability action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        // Nothing held between operations.
    }

    @Override
    public String toString() {
        return "WebhookConnector[" + config + "]";
    }
}
