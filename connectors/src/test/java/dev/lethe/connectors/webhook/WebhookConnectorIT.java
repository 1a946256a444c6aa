package dev.lethe.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.spi.Capability;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Deferring;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.InMemoryPendingOperations;
import dev.lethe.connectors.spi.InvalidConfigException;
import dev.lethe.connectors.spi.Locating.DatasetCount;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Outcome;
import dev.lethe.connectors.spi.PendingOperation;
import dev.lethe.connectors.spi.PendingOperations;
import dev.lethe.connectors.spi.TestResult;
import dev.lethe.connectors.webhook.TestWebhookService.Call;
import dev.lethe.connectors.webhook.TestWebhookService.Reply;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The webhook connector against a signature-checking service the test runs on loopback. */
class WebhookConnectorIT {

    private static final String SECRET = "whsec-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    private static final PiiClassifier CLASSIFIER = PiiClassifier.create();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID TENANT = UUID.randomUUID();
    private static final Identities SUBJECT = new Identities(Map.of("email", "ada@example.com", "customer_id", "42"));
    private static final ErasurePlan PLAN = new ErasurePlan(
            List.of(ErasureRule.deleteRecords("orders"), ErasureRule.retainRecords("invoices", "tax law: 10 years")));
    private static final String ERASED = """
            {"outcomes": [
              {"dataset": "orders", "strategy": "DELETE_ROW", "records": 3},
              {"dataset": "invoices", "strategy": "RETAIN", "records": 2, "reason": "tax law: 10 years"}],
             "note": "done by the shop service"}""";
    private static final Duration BACKOFF = Duration.ofMillis(200);

    private static TestWebhookService service;
    private static InMemoryPendingOperations pending;
    private static WebhookConnectorType type;

    @BeforeAll
    static void start() {
        service = new TestWebhookService(SECRET);
        pending = new InMemoryPendingOperations(URI.create("https://lethe.example/api/v1/callbacks/"));
        type = new WebhookConnectorType(pending, BACKOFF, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void synchronousErasureIsSignedAndReturnsTheServicesReportOnce() {
        String url = service.script(Reply.of(200, ERASED));
        OperationContext context = context();
        try (Connector connector = open(url, Map.of())) {
            Outcome<ErasureReport> outcome = deferring(connector).erase(context, "shop", SUBJECT, PLAN);

            assertThat(outcome).isInstanceOf(Outcome.Done.class);
            var done = (Outcome.Done<ErasureReport>) outcome;
            assertThat(done.result().outcomes())
                    .containsExactly(
                            new ErasureReport.Outcome("orders", null, ErasureStrategy.DELETE_ROW, 3, null),
                            new ErasureReport.Outcome(
                                    "invoices", null, ErasureStrategy.RETAIN, 2, "tax law: 10 years"));
            assertThat(done.note()).isEqualTo("done by the shop service");

            Call call = service.calls(url).getFirst();
            assertThat(call.signatureValid()).isTrue();
            assertThat(call.signature()).matches("t=[0-9]+,v1=[0-9a-f]{64}");
            assertThat(call.requestId()).isEqualTo(PendingOperation.idFor(context, "shop", Capability.ERASE));
            JsonNode body = JSON.readTree(call.body());
            assertThat(body.path("action").stringValue()).isEqualTo("erase");
            assertThat(body.path("requestId").stringValue()).isEqualTo(context.operationId());
            assertThat(body.path("identities").path("email").stringValue()).isEqualTo("ada@example.com");
            assertThat(body.path("plan").get(1).path("reason").stringValue()).isEqualTo("tax law: 10 years");
            assertThat(body.path("callbackUrl").stringValue()).startsWith("https://lethe.example/api/v1/callbacks/");

            // The same operation again: the kept result, without asking the service twice.
            assertThat(deferring(connector).erase(context, "shop", SUBJECT, PLAN))
                    .isEqualTo(outcome);
            assertThat(service.calls(url)).hasSize(1);
        }
    }

    @Test
    void anOldSignatureIsRefusedAsAReplay() {
        String url = service.script(Reply.of(200, "{\"datasets\": []}"));
        try (Connector connector = open(url, Map.of())) {
            deferring(connector).locate(context(), "shop", SUBJECT);
        }
        Call call = service.calls(url).getFirst();

        assertThat(WebhookSignature.verify(SECRET, call.signature(), call.body(), Instant.now()))
                .isTrue();
        assertThat(WebhookSignature.verify(
                        SECRET, call.signature(), call.body(), Instant.now().plus(Duration.ofMinutes(6))))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, call.signature(), call.body() + " ", Instant.now()))
                .isFalse();
    }

    @Test
    void acceptedRequestWaitsForTheCallbackThenReturnsItsResult() {
        String url = service.script(Reply.of(202, "{}"));
        OperationContext context = context();
        try (Connector connector = open(url, Map.of())) {
            Outcome<ErasureReport> first = deferring(connector).erase(context, "shop", SUBJECT, PLAN);

            assertThat(first).isInstanceOf(Outcome.Pending.class);
            PendingOperation operation = ((Outcome.Pending<ErasureReport>) first).operation();
            assertThat(operation.id()).isEqualTo(PendingOperation.idFor(context, "shop", Capability.ERASE));
            assertThat(operation.kind()).isEqualTo(PendingOperation.Kind.CALLBACK);
            assertThat(pending.status(operation.id())).contains(PendingOperations.Status.WAITING);

            // A retried activity: the same pending operation, and the service is not asked again.
            assertThat(deferring(connector).erase(context, "shop", SUBJECT, PLAN))
                    .isEqualTo(first);
            assertThat(service.calls(url)).hasSize(1);

            String callbackUrl = JSON.readTree(service.calls(url).getFirst().body())
                    .path("callbackUrl")
                    .stringValue();
            String token = callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1);
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(pending.callBack(token, ERASED)).isTrue();
            assertThat(pending.callBack(token, ERASED))
                    .as("a token is good once")
                    .isFalse();

            Outcome<ErasureReport> collected = deferring(connector).erase(context, "shop", SUBJECT, PLAN);
            assertThat(collected).isInstanceOf(Outcome.Done.class);
            assertThat(((Outcome.Done<ErasureReport>) collected).result().outcomes())
                    .hasSize(2);
            assertThat(service.calls(url)).hasSize(1);
        }
    }

    @Test
    void aCallbackThatNeverCameIsAskedForAgainWithAFreshTokenOnceItExpired() {
        String url = service.script(Reply.of(202, "{}"));
        OperationContext context = context();
        try (Connector connector = open(url, Map.of())) {
            var first = (Outcome.Pending<ErasureReport>) deferring(connector).erase(context, "shop", SUBJECT, PLAN);
            String oldToken = token(service.calls(url).getFirst());
            pending.expire(first.operation().id());

            Outcome<ErasureReport> again = deferring(connector).erase(context, "shop", SUBJECT, PLAN);

            assertThat(again).isInstanceOf(Outcome.Pending.class);
            assertThat(((Outcome.Pending<ErasureReport>) again).operation().id())
                    .isEqualTo(first.operation().id());
            assertThat(service.calls(url)).hasSize(2);
            String newToken = token(service.calls(url).get(1));
            assertThat(newToken).isNotEqualTo(oldToken);
            assertThat(pending.callBack(oldToken, ERASED)).isFalse();
            assertThat(pending.callBack(newToken, ERASED)).isTrue();
        }
    }

    @Test
    void serverErrorsAreRetriedWithGrowingPausesUntilTheServiceAnswers() {
        String url = service.script(
                Reply.of(500, "{}"),
                Reply.of(503, "{}"),
                Reply.of(200, "{\"datasets\": [{\"dataset\": \"orders\", \"records\": 3}]}"));
        OperationContext context = context();
        try (Connector connector = open(url, Map.of("max-attempts", "3"))) {
            Outcome<List<DatasetCount>> outcome = deferring(connector).locate(context, "shop", SUBJECT);

            assertThat(((Outcome.Done<List<DatasetCount>>) outcome).result())
                    .containsExactly(new DatasetCount("orders", 3));
        }
        List<Call> calls = service.calls(url);
        assertThat(calls).hasSize(3);
        assertThat(calls).allMatch(Call::signatureValid);
        assertThat(calls)
                .extracting(Call::requestId)
                .containsOnly(calls.getFirst().requestId());
        // Jitter keeps each pause in the upper half of base * 2^(attempt - 1).
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(BACKOFF.dividedBy(2));
        assertThat(Duration.between(calls.get(1).at(), calls.get(2).at())).isGreaterThanOrEqualTo(BACKOFF);
    }

    @Test
    void aTimeoutIsRetried() {
        String url =
                service.script(new Reply(200, Map.of(), "{\"records\": 1}", 2_500), Reply.of(200, "{\"records\": 1}"));
        try (Connector connector = open(url, Map.of("timeout-seconds", "1"))) {
            Outcome<Long> outcome =
                    deferring(connector).rectify(context(), "shop", SUBJECT, "customers", "name", "Ada");

            assertThat(((Outcome.Done<Long>) outcome).result()).isEqualTo(1L);
        }
        assertThat(service.calls(url)).hasSize(2);
        assertThat(JSON.readTree(service.calls(url).getFirst().body())
                        .path("value")
                        .stringValue())
                .isEqualTo("Ada");
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
        String url = service.script(
                new Reply(429, Map.of("Retry-After", "1"), "{}", 0), Reply.of(200, "{\"datasets\": []}"));
        try (Connector connector = open(url, Map.of())) {
            deferring(connector).locate(context(), "shop", SUBJECT);
        }
        List<Call> calls = service.calls(url);
        assertThat(calls).hasSize(2);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void serverErrorsBeyondTheAttemptsAreRetriable() {
        String url = service.script(Reply.of(500, "{}"));
        try (Connector connector = open(url, Map.of("max-attempts", "2"))) {
            ConnectorException e = catchThrowableOfType(
                    ConnectorException.class, () -> deferring(connector).locate(context(), "shop", SUBJECT));

            assertThat(e.isRetriable()).isTrue();
            assertThat(e.getMessage()).contains("2 attempts", "500").doesNotContain(SECRET);
        }
        assertThat(service.calls(url)).hasSize(2);
    }

    @Test
    void aClientErrorIsFatalAndNotRetried() {
        String url = service.script(Reply.of(422, "{\"error\": \"unknown subject\"}"));
        try (Connector connector = open(url, Map.of())) {
            ConnectorException e = catchThrowableOfType(
                    ConnectorException.class, () -> deferring(connector).erase(context(), "shop", SUBJECT, PLAN));

            assertThat(e.isRetriable()).isFalse();
            assertThat(e.getMessage()).contains("422");
        }
        assertThat(service.calls(url)).hasSize(1);
    }

    @Test
    void aWrongSecretIsRefusedByTheServiceFatallyWithoutShowingEitherSecret() {
        String url = service.script(Reply.of(200, "{\"datasets\": []}"));
        String wrong = "not-the-secret-" + UUID.randomUUID();
        try (Connector connector = open(url, Map.of("signing-secret", wrong))) {
            TestResult result = connector.test(context());
            assertThat(result.passed()).isFalse();
            assertThat(result.checks().getLast().message()).contains("401").doesNotContain(wrong, SECRET);

            ConnectorException e = catchThrowableOfType(
                    ConnectorException.class, () -> deferring(connector).locate(context(), "shop", SUBJECT));
            assertThat(e.isRetriable()).isFalse();
            assertThat(e.getMessage()).contains("401").doesNotContain(wrong, SECRET);
            assertThat(connector.toString()).doesNotContain(wrong);
        }
        assertThat(service.calls(url)).hasSize(2).noneMatch(Call::signatureValid);
    }

    @Test
    void testPassesWhenTheServiceAcceptsTheSignedPing() {
        String url = service.script(Reply.of(200, "{}"));
        try (Connector connector = open(url, Map.of())) {
            assertThat(connector.test(context()).passed()).isTrue();
        }
        assertThat(JSON.readTree(service.calls(url).getFirst().body())
                        .path("action")
                        .stringValue())
                .isEqualTo("test");
    }

    @Test
    void aRedirectIsNotFollowed() {
        String target = service.script(Reply.of(200, "{\"datasets\": []}"));
        String url = service.script(new Reply(302, Map.of("Location", target), "", 0));
        try (Connector connector = open(url, Map.of())) {
            ConnectorException e = catchThrowableOfType(
                    ConnectorException.class, () -> deferring(connector).locate(context(), "shop", SUBJECT));

            assertThat(e.isRetriable()).isFalse();
            assertThat(e.getMessage()).contains("302", "redirect");
        }
        assertThat(service.calls(url)).hasSize(1);
        assertThat(service.calls(target)).isEmpty();
    }

    @Test
    void anUntrustedCertificateIsFatalAndNothingIsSent(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("self-signed.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "service",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        assertThat(keytool.waitFor()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        List<String> received = new CopyOnWriteArrayList<>();
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", exchange -> {
            try (exchange) {
                received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        https.start();
        try {
            int port = https.getAddress().getPort();
            OutboundGuard guard = OutboundGuard.fromSetting("127.0.0.1:" + port);
            var config = config("https://127.0.0.1:" + port + "/hook", Map.of());
            try (Connector connector = type.open(config, new ConnectorRuntime(guard, CLASSIFIER))) {
                ConnectorException e = catchThrowableOfType(
                        ConnectorException.class, () -> deferring(connector).locate(context(), "shop", SUBJECT));

                assertThat(e.isRetriable()).isFalse();
                assertThat(e.getMessage()).contains("TLS", "not trusted");
            }
            assertThat(received).isEmpty();
        } finally {
            https.stop(0);
        }
    }

    @Test
    void theGuardRefusesALoopbackUrlThatIsNotAllowed() {
        String url = service.script(Reply.of(200, "{\"datasets\": []}"));
        OutboundGuard nothingAllowed = new OutboundGuard(List.of());
        try (Connector connector = type.open(config(url, Map.of()), new ConnectorRuntime(nothingAllowed, CLASSIFIER))) {
            TestResult result = connector.test(context());
            assertThat(result.passed()).isFalse();
            assertThat(result.checks().getFirst().name()).isEqualTo("address allowed");

            ConnectorException e = catchThrowableOfType(
                    ConnectorException.class, () -> deferring(connector).locate(context(), "shop", SUBJECT));
            assertThat(e.isRetriable()).isFalse();
            assertThat(e.getMessage()).contains("127.0.0.1", "lethe.connectors.allowed-targets");
        }
        assertThat(service.calls(url)).isEmpty();
    }

    @Test
    void anActionTheConnectionDoesNotTakeIsRefusedBeforeSending() {
        String url = service.script(Reply.of(200, "{\"datasets\": []}"));
        try (Connector connector = open(url, Map.of("actions", "locate"))) {
            assertThatThrownBy(() -> deferring(connector).erase(context(), "shop", SUBJECT, PLAN))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("does not take erase");
        }
        assertThat(service.calls(url)).isEmpty();
    }

    @Test
    void aResultThatDoesNotFitTheSchemaIsFatal() {
        String url = service.script(Reply.of(200, "{\"outcomes\": [{\"dataset\": \"orders\"}]}"));
        try (Connector connector = open(url, Map.of())) {
            assertThatThrownBy(() -> deferring(connector).erase(context(), "shop", SUBJECT, PLAN))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("does not fit");
        }
    }

    @Test
    void theSecretIsMaskedInSettingsAndNeverQuotedInProblems() {
        String url = service.script(Reply.of(200, "{}"));
        var config = config(url, Map.of());
        assertThat(config.toString()).doesNotContain(SECRET);
        assertThat(config.masked().get("signing-secret")).isEqualTo("********");
        assertThat(WebhookConnectorConfig.from(config).toString()).doesNotContain(SECRET);

        String tooShort = "short-secret";
        Map<String, String> raw = new HashMap<>(Map.of("url", url, "signing-secret", tooShort));
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> type.configure(raw));
        assertThat(e.getMessage()).contains("signing-secret").doesNotContain(tooShort);
    }

    private static Connector open(String url, Map<String, String> overrides) {
        OutboundGuard guard = OutboundGuard.fromSetting("127.0.0.1:" + service.port());
        return type.open(config(url, overrides), new ConnectorRuntime(guard, CLASSIFIER));
    }

    private static dev.lethe.connectors.spi.ConnectorConfig config(String url, Map<String, String> overrides) {
        Map<String, String> raw = new HashMap<>(Map.of("url", url, "signing-secret", SECRET));
        raw.putAll(overrides);
        return type.configure(raw);
    }

    private static String token(Call call) {
        String callbackUrl = JSON.readTree(call.body()).path("callbackUrl").stringValue();
        return callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1);
    }

    private static Deferring deferring(Connector connector) {
        return (Deferring) connector;
    }

    private static OperationContext context() {
        return OperationContext.of(TENANT, "request-" + UUID.randomUUID());
    }
}
