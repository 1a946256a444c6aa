package dev.lethe.ui.connectors.callback;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static dev.lethe.catalog.jooq.Tables.PENDING_OPERATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.jooq.tables.records.PendingOperationRecord;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.manual.ManualTaskConnectorType;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Deferring;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Outcome;
import dev.lethe.connectors.webhook.WebhookConnectorType;
import dev.lethe.connectors.webhook.WebhookSignature;
import dev.lethe.infra.testing.UniqueNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operations that finish later, through the application: a webhook answered 202 and its service
 * calls back (once, with the token as the only credential), and a manual task a person completes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PendingOperationsIT extends AppIntegrationTest {

    private static final String SECRET = "callback-it-" + UUID.randomUUID() + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Identities SUBJECT = Identities.of("email", "ada@example.com");
    private static final ErasurePlan PLAN = new ErasurePlan(List.of(ErasureRule.deleteRecords("orders")));
    private static final String ERASED =
            "{\"outcomes\": [{\"dataset\": \"orders\", \"strategy\": \"DELETE_ROW\", \"records\": 2}]}";

    @Autowired
    WebhookConnectorType webhooks;

    @Autowired
    ManualTaskConnectorType manuals;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private HttpServer service;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private UUID tenant;
    private String adminKey;
    private String engineerKey;

    @BeforeAll
    void serviceAndKeys() throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                boolean signed = WebhookSignature.verify(
                        SECRET, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body, Instant.now());
                received.add(new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(signed ? 202 : 401, -1);
            }
        });
        service.start();
        tenant = tenants.create(UniqueNames.of("callbacks"), "Callback test").id();
        adminKey = key(Role.ADMIN);
        engineerKey = key(Role.ENGINEER);
    }

    @AfterAll
    void stopService() {
        service.stop(0);
    }

    @Test
    void aCallbackIsAcceptedOnceAuditedAndCollectedByTheRetriedOperation() throws Exception {
        OperationContext context = OperationContext.of(tenant, "request-" + UUID.randomUUID());
        try (Connector connector = webhook()) {
            Outcome<ErasureReport> first = ((Deferring) connector).erase(context, "shop-api", SUBJECT, PLAN);
            assertThat(first).isInstanceOf(Outcome.Pending.class);
            String id = ((Outcome.Pending<ErasureReport>) first).operation().id();
            String token = tokenOf(received.getLast());

            // Only the token's hash is kept.
            byte[] stored = owner().select(PENDING_OPERATION.TOKEN_HASH)
                    .from(PENDING_OPERATION)
                    .where(PENDING_OPERATION.ID.eq(UUID.fromString(id)))
                    .fetchSingle()
                    .value1();
            assertThat(stored).isEqualTo(CallbackTokens.hash(token));

            HttpResponse<String> huge = post(
                    "/api/v1/callbacks/" + token,
                    "{\"note\": \"" + "x".repeat(CallbackController.MAX_BODY) + "\"}",
                    null);
            assertThat(huge.statusCode()).isEqualTo(413);

            HttpResponse<String> unfit = post("/api/v1/callbacks/" + token, "{\"outcomes\": [{}]}", null);
            assertThat(unfit.statusCode()).isEqualTo(400);
            assertThat(unfit.headers().firstValue("Content-Type")).contains("application/problem+json");

            HttpResponse<String> accepted = post("/api/v1/callbacks/" + token, ERASED, null);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

            HttpResponse<String> again = post("/api/v1/callbacks/" + token, ERASED, null);
            assertThat(again.statusCode()).isEqualTo(410);
            assertThat(again.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(JSON.readTree(again.body()).path("title").stringValue()).isEqualTo("Callback used");

            assertThat(audited("connector.callback.received", id)).isEqualTo(1);

            Outcome<ErasureReport> collected = ((Deferring) connector).erase(context, "shop-api", SUBJECT, PLAN);
            assertThat(collected).isInstanceOf(Outcome.Done.class);
            assertThat(((Outcome.Done<ErasureReport>) collected).result().outcomes())
                    .singleElement()
                    .satisfies(outcome -> assertThat(outcome.records()).isEqualTo(2));
            assertThat(received.stream().filter(body -> body.contains(context.operationId())))
                    .as("the service is asked once")
                    .hasSize(1);
        }
    }

    @Test
    void anAccessResultIsSealedAtRestAndStaysReadableAcrossKekRotations() throws Exception {
        OperationContext context = OperationContext.of(tenant, "request-" + UUID.randomUUID());
        String email = "sealed-" + UUID.randomUUID() + "@example.com";
        try (Connector connector = webhook()) {
            var pending = (Outcome.Pending<List<Deferring.AccessedRecord>>)
                    ((Deferring) connector).access(context, "shop-api", SUBJECT);
            UUID id = UUID.fromString(pending.operation().id());
            String token = tokenOf(received.getLast());

            String records =
                    "{\"records\": [{\"dataset\": \"customers\", \"values\": {\"email\": \"" + email + "\"}}]}";
            HttpResponse<String> accepted = post("/api/v1/callbacks/" + token, records, null);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

            // Read as the owner, bypassing row-level security: no column holds the subject's records.
            PendingOperationRecord row = owner().selectFrom(PENDING_OPERATION)
                    .where(PENDING_OPERATION.ID.eq(id))
                    .fetchSingle();
            assertThat(row.getResult()).isNotNull();
            for (int column = 0; column < row.size(); column++) {
                Object value = row.get(column);
                String stored = value instanceof byte[] bytes
                        ? new String(bytes, StandardCharsets.ISO_8859_1)
                                + HexFormat.of().formatHex(bytes)
                        : String.valueOf(value);
                assertThat(stored).as(row.field(column).getName()).doesNotContain(email, "sealed-");
            }
            assertThat(collectedEmail(connector, context)).isEqualTo(email);

            CatalogHttp admin = new CatalogHttp(port, ADMIN_KEY);
            for (int rotation = 1; rotation <= 2; rotation++) {
                HttpResponse<String> rotated = admin.post("/api/v1/vault/kek/rotate", Map.of());
                assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
                int newVersion = CatalogHttp.body(rotated).get("newVersion").asInt();

                assertThat(owner().select(PENDING_OPERATION.KEK_VERSION)
                                .from(PENDING_OPERATION)
                                .where(PENDING_OPERATION.ID.eq(id))
                                .fetchSingle()
                                .value1())
                        .as("rotation " + rotation)
                        .isEqualTo(newVersion);
                assertThat(owner().fetch("select * from lethe_pending_result_kek_versions()")
                                .getValues(0, Integer.class))
                        .containsExactly(newVersion);
                assertThat(collectedEmail(connector, context)).isEqualTo(email);
            }
            assertThat(received.stream().filter(body -> body.contains(context.operationId())))
                    .as("the service is asked once")
                    .hasSize(1);
        }
    }

    private static Object collectedEmail(Connector connector, OperationContext context) {
        Outcome<List<Deferring.AccessedRecord>> collected =
                ((Deferring) connector).access(context, "shop-api", SUBJECT);
        assertThat(collected).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<List<Deferring.AccessedRecord>>) collected)
                .result()
                .getFirst()
                .values()
                .get("email");
    }

    @Test
    void anUnknownOrExpiredCallbackIsNotFoundAndAnExpiredOneIsAskedForAgain() throws Exception {
        HttpResponse<String> unknown = post("/api/v1/callbacks/" + "A".repeat(43), ERASED, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(post("/api/v1/callbacks/short", ERASED, null).statusCode()).isEqualTo(404);

        OperationContext context = OperationContext.of(tenant, "request-" + UUID.randomUUID());
        try (Connector connector = webhook()) {
            var pending =
                    (Outcome.Pending<ErasureReport>) ((Deferring) connector).erase(context, "shop-api", SUBJECT, PLAN);
            String token = tokenOf(received.getLast());
            owner().update(PENDING_OPERATION)
                    .set(PENDING_OPERATION.EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
                    .where(PENDING_OPERATION.ID.eq(
                            UUID.fromString(pending.operation().id())))
                    .execute();

            HttpResponse<String> expired = post("/api/v1/callbacks/" + token, ERASED, null);
            assertThat(expired.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(expired.body()).path("title").stringValue())
                    .isEqualTo("Unknown callback");

            // The retried operation asks the service again, with a fresh token; the old one stays dead.
            assertThat(((Deferring) connector).erase(context, "shop-api", SUBJECT, PLAN))
                    .isInstanceOf(Outcome.Pending.class);
            assertThat(received.stream().filter(body -> body.contains(context.operationId())))
                    .hasSize(2);
            String fresh = tokenOf(received.getLast());
            assertThat(fresh).isNotEqualTo(token);
            assertThat(post("/api/v1/callbacks/" + token, ERASED, null).statusCode())
                    .isEqualTo(404);
            assertThat(post("/api/v1/callbacks/" + fresh, ERASED, null).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aManualTaskIsListedCompletedOnceByAPrivacyOfficerOrAdminAndAudited() throws Exception {
        OperationContext context = OperationContext.of(tenant, "request-" + UUID.randomUUID());
        try (Connector connector = manuals.open(
                manuals.configure(Map.of("instructions", "Delete the customer in the legacy CRM.")), null)) {
            var pending = (Outcome.Pending<ErasureReport>)
                    ((Deferring) connector).erase(context, "legacy-crm", SUBJECT, PLAN);
            String id = pending.operation().id();

            JsonNode open = JSON.readTree(
                    get("/api/v1/manual-tasks?status=open", adminKey).body());
            JsonNode task = find(open, id);
            assertThat(task.path("instructions").stringValue()).startsWith("Delete the customer in the legacy CRM.");
            assertThat(task.path("requestId").stringValue()).isEqualTo(context.operationId());
            assertThat(task.path("status").stringValue()).isEqualTo("open");

            String complete = "/api/v1/manual-tasks/" + id + "/complete";
            assertThat(post(complete, "{\"note\": \"deleted\"}", engineerKey).statusCode())
                    .isEqualTo(403);
            assertThat(post(complete, "{\"note\": \" \"}", adminKey).statusCode())
                    .isEqualTo(400);
            assertThat(post(complete, "{\"note\": \"deleted\"}", null).statusCode())
                    .isEqualTo(401);

            HttpResponse<String> done = post(complete, "{\"note\": \"Deleted in the CRM, ticket 118\"}", adminKey);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(JSON.readTree(done.body()).path("status").stringValue()).isEqualTo("completed");

            HttpResponse<String> twice = post(complete, "{\"note\": \"again\"}", adminKey);
            assertThat(twice.statusCode()).isEqualTo(409);
            assertThat(twice.headers().firstValue("Content-Type")).contains("application/problem+json");

            assertThat(find(
                            JSON.readTree(get("/api/v1/manual-tasks?status=open", adminKey)
                                    .body()),
                            id))
                    .isNull();
            assertThat(find(
                                    JSON.readTree(get("/api/v1/manual-tasks?status=completed", adminKey)
                                            .body()),
                                    id)
                            .path("note")
                            .stringValue())
                    .isEqualTo("Deleted in the CRM, ticket 118");
            assertThat(audited("connector.manual_task.completed", id)).isEqualTo(1);

            Outcome<ErasureReport> collected = ((Deferring) connector).erase(context, "legacy-crm", SUBJECT, PLAN);
            assertThat(collected)
                    .isEqualTo(new Outcome.Done<>(new ErasureReport(List.of()), "Deleted in the CRM, ticket 118"));
        }
        HttpResponse<String> unknown =
                post("/api/v1/manual-tasks/" + UUID.randomUUID() + "/complete", "{\"note\": \"x\"}", adminKey);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void tasksAreOnlyVisibleToTheirTenant() throws Exception {
        OperationContext context = OperationContext.of(tenant, "request-" + UUID.randomUUID());
        try (Connector connector = manuals.open(manuals.configure(Map.of("instructions", "By hand.")), null)) {
            var pending = (Outcome.Pending<ErasureReport>)
                    ((Deferring) connector).erase(context, "legacy-crm", SUBJECT, PLAN);
            String id = pending.operation().id();

            JsonNode otherTenants = JSON.readTree(
                    get("/api/v1/manual-tasks?status=open", ADMIN_KEY).body());
            assertThat(find(otherTenants, id)).isNull();
            assertThat(post("/api/v1/manual-tasks/" + id + "/complete", "{\"note\": \"x\"}", ADMIN_KEY)
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    private Connector webhook() {
        int port = service.getAddress().getPort();
        return webhooks.open(
                webhooks.configure(Map.of("url", "http://127.0.0.1:" + port + "/lethe", "signing-secret", SECRET)),
                new ConnectorRuntime(OutboundGuard.fromSetting("127.0.0.1:" + port), PiiClassifier.create()));
    }

    private static String tokenOf(String body) {
        String url = JSON.readTree(body).path("callbackUrl").stringValue();
        assertThat(url).startsWith("http://localhost:8080/api/v1/callbacks/");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private int audited(String action, String id) {
        return owner().fetchCount(
                        AUDIT_ENTRY,
                        AUDIT_ENTRY
                                .TENANT_ID
                                .eq(tenant)
                                .and(AUDIT_ENTRY.ACTION.eq(action))
                                .and(AUDIT_ENTRY.TARGET.eq("pending:" + id)));
    }

    private static JsonNode find(JsonNode tasks, String id) {
        for (JsonNode task : tasks) {
            if (task.path("id").stringValue().equals(id)) {
                return task;
            }
        }
        return null;
    }

    private HttpResponse<String> post(String path, String json, String apiKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String key(Role role) {
        String secret = "callbacks-" + UUID.randomUUID();
        as(
                tenant,
                () -> apiKeys.ensure(
                        tenant,
                        UniqueNames.of("callbacks-" + role.name().toLowerCase()),
                        secret,
                        Set.of(role),
                        Scope.all()));
        return secret;
    }
}
