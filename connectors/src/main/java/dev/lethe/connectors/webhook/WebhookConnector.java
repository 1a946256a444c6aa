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
import dev.lethe.connectors.spi.OperationStoppedException;
import dev.lethe.connectors.spi.Outcome;
import dev.lethe.connectors.spi.PendingOperation;
import dev.lethe.connectors.spi.PendingOperations;
import dev.lethe.connectors.spi.TestResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    private static final Duration STOP_POLL = Duration.ofMillis(100);

    private final WebhookConnectorConfig config;
    private final ConnectorRuntime runtime;
    private final PendingOperations pending;
    private final Backoff backoff;
    private final Clock clock;

    WebhookConnector(
            WebhookConnectorConfig config,
            ConnectorRuntime runtime,
            PendingOperations pending,
            Backoff backoff,
            Clock clock) {
        this.config = config;
        this.runtime = runtime;
        this.pending = pending;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public TestResult test(OperationContext context) {
        List<TestResult.Check> checks = new ArrayList<>();
        GuardedTarget target;
        try {
            target = runtime.guard().check(config.url());
            checks.add(TestResult.Check.passed("address allowed"));
        } catch (OutboundRefusedException e) {
            checks.add(TestResult.Check.failed("address allowed", e.getMessage()));
            return new TestResult(checks);
        }
        ObjectNode body = request("test", context);
        try {
            PinnedHttp.Response response = post(target, body, context.operationId());
            checks.add(
                    response.status() / 100 == 2
                            ? TestResult.Check.passed("service accepts signed requests")
                            : TestResult.Check.failed(
                                    "service accepts signed requests",
                                    "the service answered " + response.status() + statusHint(response.status())));
        } catch (IOException e) {
            checks.add(TestResult.Check.failed("service accepts signed requests", failure(e)));
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
                send(context, action, body, entry.operation().id());
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

    /**
     * Sends until a final answer: 2xx is returned, 3xx and 4xx (but 408, 425, 429) are fatal at once,
     * the rest (timeouts, refused connections, 408, 425, 429, 5xx) are retried with backoff until the
     * attempts run out, then retriable.
     */
    private PinnedHttp.Response send(OperationContext context, Capability action, ObjectNode body, String key) {
        GuardedTarget target;
        try {
            target = runtime.guard().check(config.url());
        } catch (OutboundRefusedException e) {
            throw ConnectorException.fatal(e.getMessage(), null);
        }
        String last = null;
        Exception lastCause = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            context.checkpoint();
            Optional<Duration> retryAfter = Optional.empty();
            try {
                PinnedHttp.Response response = post(target, body, key);
                int status = response.status();
                if (status / 100 == 2) {
                    return response;
                }
                if (!retriable(status)) {
                    throw ConnectorException.fatal(
                            "the service at " + where() + " refused " + verb(action) + ": " + status
                                    + statusHint(status),
                            null);
                }
                last = "answered " + status;
                lastCause = null;
                retryAfter = Backoff.retryAfter(response.header("Retry-After"));
            } catch (IOException e) {
                last = failure(e);
                lastCause = e;
            }
            if (attempt < config.maxAttempts()) {
                pause(context, backoff.after(attempt, retryAfter));
            }
        }
        throw ConnectorException.retriable(
                verb(action) + " at " + where() + " failed after " + config.maxAttempts() + " attempts; last: " + last,
                lastCause);
    }

    private PinnedHttp.Response post(GuardedTarget target, ObjectNode body, String key) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/json",
                "Accept",
                "application/json",
                "User-Agent",
                "Lethe-Webhook/1",
                "Lethe-Request-Id",
                key,
                WebhookSignature.HEADER,
                WebhookSignature.sign(config.signingSecret(), clock.instant(), bytes));
        return PinnedHttp.post(target, config.url(), headers, bytes, config.timeout());
    }

    private static ObjectNode request(String action, OperationContext context) {
        ObjectNode body = JSON.createObjectNode();
        body.put("action", action);
        body.put("requestId", context.operationId());
        return body;
    }

    private static boolean retriable(int status) {
        return status == 408 || status == 425 || status == 429 || status / 100 == 5;
    }

    private static String statusHint(int status) {
        if (status / 100 == 3) {
            return " (a redirect, which is not followed: set the url to where it leads)";
        }
        if (status == 401 || status == 403) {
            return " (does the service check the signature with the same signing secret?)";
        }
        return "";
    }

    private String failure(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + config.timeout().toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "could not connect to " + where();
        }
        return "the exchange with " + where() + " failed (" + e.getClass().getSimpleName() + ")";
    }

    /** Host and port only: a URL's path or query may carry a credential. */
    private String where() {
        return config.url().getHost() + ":" + config.port();
    }

    private static String verb(Capability action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    private static void pause(OperationContext context, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        try {
            for (long left = wait.toNanos(); left > 0; left = end - System.nanoTime()) {
                context.checkpoint();
                Thread.sleep(Duration.ofNanos(Math.min(left, STOP_POLL.toNanos())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationStoppedException(context.operationId());
        }
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
