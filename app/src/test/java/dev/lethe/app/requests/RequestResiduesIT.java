package dev.lethe.app.requests;

import static dev.lethe.app.requests.RequestsHttp.await;
import static dev.lethe.app.requests.RequestsHttp.connectionId;
import static dev.lethe.app.requests.RequestsHttp.created;
import static dev.lethe.app.requests.RequestsHttp.state;
import static dev.lethe.app.requests.RequestsHttp.status;
import static dev.lethe.catalog.jooq.Tables.PENDING_OPERATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpServer;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.jooq.tables.records.PendingOperationRecord;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.connectors.webhook.WebhookSignature;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.run.RequestActivities;
import dev.lethe.workflows.run.RequestRef;
import dev.lethe.workflows.run.SystemOutcome;
import dev.lethe.workflows.steps.RequestActivitiesImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestActivityEnvironment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What a finished data-subject request leaves behind, for an access request answered by an HTTP service
 * that calls back later with the subject's records: the records reach the package and then leave {@code
 * pending_operation} (sealed until then, cleared once the request completes; collecting again still
 * answers), and the request's Temporal history — kept by Temporal in clear — holds none of the
 * subject's identities. A callback that comes after the request was canceled is refused and leaves nothing.
 */
class RequestResiduesIT extends AppIntegrationTest {

    private static final String SECRET = "residues-" + UUID.randomUUID() + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer service;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    WorkflowClient temporal;

    @Autowired
    RequestActivitiesImpl activities;

    Tenant tenant;
    CatalogHttp engineer;
    CatalogHttp officer;
    String officerKey;

    /** A request that ran to its end, with the subject's identities and the record the service sent. */
    record Finished(String id, UUID connectionId, String callbackToken, String email, String phone, String order) {

        RequestRef ref(Tenant tenant) {
            return new RequestRef(tenant.id(), UUID.fromString(id));
        }
    }

    @BeforeAll
    static void billingService() throws IOException {
        // Hands over the subject's records later, by calling back.
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), WEBHOOK_PORT), 0);
        service.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (!WebhookSignature.verify(
                        SECRET, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body, Instant.now())) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                String request = new String(body, StandardCharsets.UTF_8);
                RECEIVED.add(request);
                String action =
                        CatalogHttp.JSON.readTree(request).path("action").asString();
                if (action.equals("access")) {
                    exchange.sendResponseHeaders(202, -1);
                    return;
                }
                byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        service.start();
    }

    @AfterAll
    static void stopService() {
        service.stop(0);
    }

    @BeforeEach
    void tenantWithABillingService() {
        tenant = tenants.create(UniqueNames.of("dsr-residues"), "Request residues");
        engineer = new CatalogHttp(port, key(Role.ENGINEER));
        officerKey = key(Role.PRIVACY_OFFICER);
        officer = new CatalogHttp(port, officerKey);
        created(engineer.post(
                "/api/v1/connections",
                Map.of(
                        "name", UniqueNames.of("billing"),
                        "type", "webhook",
                        "system", UniqueNames.of("billing-api"),
                        "config",
                                Map.of(
                                        "url",
                                        "http://127.0.0.1:" + WEBHOOK_PORT + "/lethe",
                                        "signing-secret",
                                        SECRET))));
    }

    @Test
    void aCallbackResultIsClearedOnceTheRequestCompletedAndCollectingAgainStillAnswers() throws Exception {
        Finished request = accessAnsweredByCallback();

        Map<String, String> packaged = unzip(download(request));
        assertThat(String.join("\n", packaged.values()))
                .as("the service's records reached the package")
                .contains(request.order());

        List<PendingOperationRecord> kept = owner().selectFrom(PENDING_OPERATION)
                .where(PENDING_OPERATION.TENANT_ID.eq(tenant.id()))
                .and(PENDING_OPERATION.OPERATION_ID.eq("request:" + request.id()))
                .fetch();
        assertThat(kept).extracting(PendingOperationRecord::getAction).containsExactly("ACCESS");
        assertThat(kept).allSatisfy(row -> {
            assertThat(row.getStatus()).isEqualTo("COMPLETED");
            assertThat(row.getResult()).as(row.getAction() + " result").isNull();
            assertThat(row.getResultDek()).as(row.getAction() + " data key").isNull();
            assertThat(row.getKekVersion()).as(row.getAction() + " KEK version").isNull();
        });
        assertThat(callback(request.callbackToken(), records(request)).statusCode())
                .as("the used callback stays used")
                .isEqualTo(410);

        // Temporal retries an activity that it did not see finish: collecting and clearing again still answer.
        TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
        try {
            environment.registerActivitiesImplementations(activities);
            RequestActivities retried = environment.newActivityStub(
                    RequestActivities.class,
                    ActivityOptions.newBuilder()
                            .setStartToCloseTimeout(Duration.ofMinutes(1))
                            .setHeartbeatTimeout(Duration.ofSeconds(30))
                            .build());
            SystemOutcome collected = retried.collect(request.ref(tenant), request.connectionId());
            assertThat(collected.result()).isEqualTo(SystemOutcome.Result.DONE);
            assertThat(retried.releaseResults(request.ref(tenant))).isZero();
        } finally {
            environment.close();
        }
        assertThat(unzip(download(request))).isEqualTo(packaged);
    }

    @Test
    void theRequestsWorkflowHistoryHoldsNoneOfTheSubjectsIdentities() throws Exception {
        Finished request = accessAnsweredByCallback();

        WorkflowExecutionHistory history = temporal.fetchHistory(request.id());
        StringBuilder decoded = new StringBuilder();
        for (HistoryEvent event : history.getEvents()) {
            text(event, decoded);
        }
        String payloads = decoded.toString();
        assertThat(history.getEvents()).hasSizeGreaterThan(20);
        assertThat(payloads)
                .as("the payloads are read as text: the activities' arguments name the tenant and the request")
                .contains(tenant.id().toString(), request.id(), "\"DONE\"");
        String digits = request.phone().replace(" ", "");
        assertThat(payloads.toLowerCase(Locale.ROOT))
                .doesNotContain(
                        request.email(),
                        request.email().substring(0, request.email().indexOf('@')),
                        request.phone(),
                        digits,
                        digits.substring(1),
                        request.order());
    }

    @Test
    void aCallbackThatArrivesAfterTheRequestWasCanceledIsRefusedAndItsResultNotKept() throws Exception {
        Finished request = accessWaitingForCallback();
        String path = "/api/v1/requests/" + request.id();
        HttpResponse<String> canceled = officer.post(path + "/cancel", Map.of("reason", "withdrawn by the subject"));
        assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
        await(officer, path, snapshot -> status(snapshot).equals("CANCELED"));
        // The workflow's own clearing has run: whatever comes later, it will not clear.
        assertThat(temporal.newUntypedWorkflowStub(request.id()).getResult(60, TimeUnit.SECONDS, String.class))
                .isEqualTo("CANCELED");

        HttpResponse<String> late = callback(request.callbackToken(), records(request));

        assertThat(late.statusCode()).as(late.body()).isEqualTo(410);
        assertThat(late.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(CatalogHttp.JSON.readTree(late.body()).path("title").asString())
                .isEqualTo("Operation closed");
        assertThat(late.body()).doesNotContain(request.email(), request.order());
        assertThat(owner().selectFrom(PENDING_OPERATION)
                        .where(PENDING_OPERATION.TENANT_ID.eq(tenant.id()))
                        .and(PENDING_OPERATION.OPERATION_ID.eq("request:" + request.id()))
                        .fetch())
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.getResult()).as("result").isNull();
                    assertThat(row.getResultDek()).as("data key").isNull();
                    assertThat(row.getKekVersion()).as("KEK version").isNull();
                });
        assertThat(callback(request.callbackToken(), records(request)).statusCode())
                .as("sending it again changes nothing")
                .isEqualTo(410);
    }

    /** Files an access request for a new subject, lets the service call back with its records, waits for the end. */
    private Finished accessAnsweredByCallback() throws Exception {
        Finished finished = accessWaitingForCallback();
        HttpResponse<String> calledBack = callback(finished.callbackToken(), records(finished));
        assertThat(calledBack.statusCode()).as(calledBack.body()).isEqualTo(200);
        await(
                officer,
                "/api/v1/requests/" + finished.id(),
                request -> status(request).startsWith("COMPLETED"));
        return finished;
    }

    /** Files an access request for a new subject and approves it; the service has answered 202 and not yet called back. */
    private Finished accessWaitingForCallback() throws Exception {
        String email = "residue-" + UUID.randomUUID() + "@example.org";
        String phone = "+49 151 " + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
        String order = "order-" + UUID.randomUUID();
        String id = created(officer.post(
                        "/api/v1/requests",
                        Map.of(
                                "type", "ACCESS",
                                "identities", Map.of("email", email, "phone", phone),
                                "regulation", "GDPR")))
                .get("id")
                .asString();
        String path = "/api/v1/requests/" + id;
        await(officer, path, request -> status(request).equals("AWAITING_APPROVAL"));
        HttpResponse<String> approved = officer.post(path + "/approve", Map.of("reason", "identity checked"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode waiting =
                await(officer, path, request -> state(request, "webhook").equals("WAITING"));
        String asked = RECEIVED.stream()
                .filter(body -> body.contains("\"access\"") && body.contains("request:" + id))
                .reduce((first, last) -> last)
                .orElseThrow();
        String url = CatalogHttp.JSON.readTree(asked).path("callbackUrl").asString();
        return new Finished(
                id,
                UUID.fromString(connectionId(waiting, "webhook")),
                url.substring(url.lastIndexOf('/') + 1),
                email,
                phone,
                order);
    }

    private static String records(Finished request) {
        return "{\"records\": [{\"dataset\": \"accounts\", \"values\": {\"email\": \"" + request.email()
                + "\", \"phone\": \"" + request.phone() + "\", \"last_order\": \"" + request.order() + "\"}}]}";
    }

    private HttpResponse<String> callback(String token, String json) throws Exception {
        // A client of its own: a POST is not retried on a pooled connection the server closed meanwhile.
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/callbacks/" + token))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private byte[] download(Finished request) throws Exception {
        HttpResponse<byte[]> zip = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + port + "/api/v1/requests/" + request.id() + "/package"))
                        .header("Authorization", "Bearer " + officerKey)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        return zip.body();
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new java.util.TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    /** Every string and byte field of a history event, bytes (payloads) decoded as UTF-8 text. */
    private static void text(Message message, StringBuilder out) {
        message.getAllFields().values().forEach(value -> {
            if (value instanceof List<?> values) {
                values.forEach(item -> field(item, out));
            } else {
                field(value, out);
            }
        });
    }

    private static void field(Object value, StringBuilder out) {
        switch (value) {
            case Message nested -> text(nested, out);
            case ByteString bytes -> out.append(bytes.toStringUtf8()).append('\n');
            default -> out.append(value).append('\n');
        }
    }

    private String key(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }
}
