package dev.lethe.app.requests;

import static dev.lethe.app.requests.RequestsHttp.PATIENCE;
import static dev.lethe.app.requests.RequestsHttp.await;
import static dev.lethe.app.requests.RequestsHttp.connectAndConfirm;
import static dev.lethe.app.requests.RequestsHttp.created;
import static dev.lethe.app.requests.RequestsHttp.ok;
import static dev.lethe.app.requests.RequestsHttp.state;
import static dev.lethe.app.requests.RequestsHttp.status;
import static dev.lethe.app.requests.RequestsHttp.system;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.connectors.ShopDatabase;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.connectors.webhook.WebhookSignature;
import dev.lethe.infra.testing.CommittedRecords;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.receipt.ReceiptVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * One erasure carried through four kinds of connected system by the running application: a PostgreSQL
 * shop (one of its datasets under a legal hold), an Elasticsearch index, a Kafka stream that ingest
 * protects (tokens under the subject's key, locator entries), and an HTTP service that answers 202 and
 * calls back with its report. Four-eyes, the hold kept and listed with its reason, verification clean,
 * the subject's old tokens gone (410), the locator forgetting them, and a receipt whose signature checks.
 */
class RequestsAcrossSystemsIT extends AppIntegrationTest {

    private static final String SUBJECT = "customer7@example.org";
    private static final String SECRET = "across-systems-" + UUID.randomUUID() + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private static ShopDatabase shop;
    private static HttpServer service;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    Tenant tenant;
    CatalogHttp engineer;
    CatalogHttp officer;
    CatalogHttp secondOfficer;
    CatalogHttp auditor;

    @BeforeAll
    static void systems() throws SQLException, IOException {
        shop = ShopDatabase.create();
        // The billing service: it finds the subject's account itself and erases it later, calling back.
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
                String answer = switch (action) {
                    case "locate" -> "{\"datasets\": [{\"dataset\": \"accounts\", \"records\": 1}]}";
                    case "access" -> "{\"records\": []}";
                    case "rectify" -> "{\"records\": 0}";
                    case "erase" -> null;
                    default -> "{}";
                };
                if (answer == null) {
                    exchange.sendResponseHeaders(202, -1);
                    return;
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        service.start();
    }

    @AfterAll
    static void stopService() {
        service.stop(0);
    }

    @BeforeEach
    void tenantWithKeys() {
        tenant = tenants.create(UniqueNames.of("dsr-across"), "Requests across systems");
        engineer = new CatalogHttp(port, key(Role.ENGINEER));
        officer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        secondOfficer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        auditor = new CatalogHttp(port, key(Role.AUDITOR));
    }

    @Test
    void anErasureRunsThroughPostgresElasticsearchAProtectedStreamAndAWebhookAndEndsProven() throws Exception {
        // PostgreSQL: the shop, its support tickets under a legal hold.
        Map<String, String> shopDatasets =
                connectAndConfirm(engineer, shop.registration(UniqueNames.of("shop"), UniqueNames.of("shop-db")));
        created(officer.post(
                "/api/v1/legal-holds",
                Map.of("datasetId", shopDatasets.get("public.tickets"), "reason", "Case 2026-114: parcel dispute")));

        // Elasticsearch: a search index with two documents of the subject and one of someone else.
        String prefix = UniqueNames.of("search").toLowerCase(Locale.ROOT);
        String index = prefix + "-profiles";
        elasticsearch("PUT", "/" + index, """
                {"settings": {"number_of_replicas": 0}, "mappings": {"properties": {
                  "email": {"type": "keyword"}, "full_name": {"type": "text"}, "city": {"type": "keyword"}}}}""");
        elasticsearch("PUT", "/" + index + "/_doc/p1", profile("customer7@example.org", "Customer Number 7"));
        elasticsearch("PUT", "/" + index + "/_doc/p2", profile("customer7@example.org", "C. Number Seven"));
        elasticsearch("PUT", "/" + index + "/_doc/p3?refresh=true", profile("customer8@example.org", "Customer 8"));
        connectAndConfirm(
                engineer,
                Map.of(
                        "name", UniqueNames.of("search"),
                        "type", "elasticsearch",
                        "system", UniqueNames.of("search-cluster"),
                        "config",
                                Map.of(
                                        "url",
                                        TestServices.endpoints().elasticsearchUrl(),
                                        "index-patterns",
                                        prefix + "-*")));

        // Kafka: a stream ingest protects, keyed to the subject by e-mail, and a connection to its topics.
        String stream = UniqueNames.of("signups");
        String raw = stream + ".raw";
        String clean = stream + ".clean";
        created(engineer.post(
                "/api/v1/streams?createTopics=true",
                Map.of(
                        "name",
                        stream,
                        "sourceTopic",
                        raw,
                        "targetTopic",
                        clean,
                        "system",
                        "ingest-" + stream,
                        "dataset",
                        "signups",
                        "subjectPath",
                        "$.customer.email",
                        "policy",
                        Map.of("contact.email", "DETERMINISTIC", "*", "REDACT"))));
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        "bootstrap.servers", TestServices.endpoints().kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(raw, "signup-1", signup("S-1", "customer7@example.org")));
            producer.send(new ProducerRecord<>(raw, "signup-2", signup("S-2", "customer8@example.org")));
            producer.send(new ProducerRecord<>(raw, "signup-3", signup("S-3", "customer7@example.org")));
        }
        List<ConsumerRecord<String, String>> protectedCopies = CommittedRecords.read(clean, 3, Duration.ofSeconds(60));
        String oldToken = CatalogHttp.JSON
                .readTree(protectedCopies.stream()
                        .filter(record -> record.key().equals("signup-1"))
                        .findFirst()
                        .orElseThrow()
                        .value())
                .at("/customer/email")
                .asString();
        assertThat(oldToken).startsWith("tok_");
        assertThat(detokenize(oldToken).statusCode()).isEqualTo(200);
        Eventually.require(
                "the subject in the locator",
                () -> CatalogHttp.body(officer.post("/api/v1/locator/search", Map.of("subject", SUBJECT))),
                answer -> answer.get("locations").size() > 0,
                PATIENCE);
        connectAndConfirm(
                engineer,
                Map.of(
                        "name", UniqueNames.of("events"),
                        "type", "kafka",
                        "system", UniqueNames.of("event-bus"),
                        "config",
                                Map.of(
                                        "bootstrap-servers",
                                        TestServices.endpoints().kafkaBootstrapServers(),
                                        "topics",
                                        raw + "," + clean,
                                        "ingest-streams",
                                        raw + "->" + clean,
                                        "subject-identity",
                                        "email",
                                        "security-protocol",
                                        "PLAINTEXT")));

        // HTTP: the billing service keeps its own map of the subject.
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

        String path = "/api/v1/requests/"
                + created(officer.post(
                                "/api/v1/requests",
                                Map.of(
                                        "type",
                                        "ERASURE",
                                        "identities",
                                        Map.of("email", SUBJECT),
                                        "regulation",
                                        "GDPR")))
                        .get("id")
                        .asString();

        JsonNode awaiting = await(officer, path, request -> status(request).equals("AWAITING_APPROVAL"));
        for (String type : List.of("postgresql", "elasticsearch", "kafka", "webhook")) {
            assertThat(state(awaiting, type))
                    .as(type + " in " + awaiting.get("systems"))
                    .isEqualTo("PENDING");
        }
        assertThat(system(awaiting, "postgresql").get("found").asLong()).isPositive();
        assertThat(system(awaiting, "elasticsearch").get("found").asLong()).isEqualTo(2);
        assertThat(system(awaiting, "kafka").get("found").asLong()).isPositive();
        assertThat(system(awaiting, "postgresql").get("plan").toString())
                .as("the approver sees the hold")
                .contains("public.tickets", "Case 2026-114");
        assertThat(awaiting.toString()).doesNotContain(SUBJECT);

        HttpResponse<String> byFiler = officer.post(path + "/approve", Map.of("reason", "checked"));
        assertThat(byFiler.statusCode()).as(byFiler.body()).isEqualTo(409);
        ok(secondOfficer.post(path + "/approve", Map.of("reason", "identity checked")));

        await(officer, path, request -> state(request, "webhook").equals("WAITING"));
        String erase = RECEIVED.stream()
                .filter(body -> body.contains("\"erase\""))
                .reduce((first, last) -> last)
                .orElseThrow();
        String callbackUrl =
                CatalogHttp.JSON.readTree(erase).path("callbackUrl").asString();
        HttpResponse<String> calledBack = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/callbacks/"
                                + callbackUrl.substring(callbackUrl.lastIndexOf('/') + 1)))
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"outcomes\": [{\"dataset\": \"accounts\", \"strategy\": \"DELETE_ROW\", \"records\": 1}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(calledBack.statusCode()).as(calledBack.body()).isEqualTo(200);

        JsonNode closed = await(officer, path, request -> status(request).startsWith("COMPLETED"));
        assertThat(status(closed)).as("the held tickets are an exception").isEqualTo("COMPLETED_WITH_EXCEPTIONS");
        for (String type : List.of("postgresql", "elasticsearch", "kafka", "webhook")) {
            assertThat(state(closed, type))
                    .as(type + " in " + closed.get("systems"))
                    .isEqualTo("DONE");
        }

        // The shop: the held ticket stays, with the customer row it refers to; the rest of customer 7 is gone.
        assertThat(shop.count("select count(*) from tickets where customer_id = 7"))
                .isEqualTo(1);
        assertThat(shop.count("select count(*) from orders where customer_id = 7"))
                .isZero();
        assertThat(shop.count("select count(*) from addresses where customer_id = 7"))
                .isZero();
        assertThat(shop.count("select count(*) from customers where id = 8")).isEqualTo(1);
        // The index: the subject's documents are gone, the other person's stays.
        elasticsearch("POST", "/" + index + "/_refresh", null);
        assertThat(count(index, "customer7@example.org")).isZero();
        assertThat(count(index, "customer8@example.org")).isEqualTo(1);
        // The stream: the subject's key is shredded, so their old tokens answer 410; the locator forgets them.
        HttpResponse<String> revealed = detokenize(oldToken);
        assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(410);
        JsonNode located = CatalogHttp.body(officer.post("/api/v1/locator/search", Map.of("subject", SUBJECT)));
        assertThat(located.get("locations")).as(located.toString()).isEmpty();

        // The receipt: the hold listed with its reason, verification clean, the signature good.
        HttpResponse<String> receiptResponse = auditor.get(path + "/receipt");
        ok(receiptResponse);
        JsonNode receipt = CatalogHttp.body(receiptResponse);
        assertThat(receipt.toString())
                .contains("public.tickets", "Case 2026-114")
                .doesNotContain(SUBJECT);
        List<JsonNode> remaining = new ArrayList<>(receipt.findValues("remaining"));
        assertThat(remaining).isNotEmpty();
        assertThat(remaining)
                .as("nothing the plans erase is left")
                .allSatisfy(
                        left -> assertThat(left.isNull() || left.asLong() == 0).isTrue());
        HttpResponse<String> key = auditor.get(path + "/receipt/public-key");
        ok(key);
        var verification = ReceiptVerifier.verify(
                receiptResponse.body(), ReceiptVerifier.publicKey(key.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(verification.valid()).as(verification.toString()).isTrue();
    }

    private HttpResponse<String> detokenize(String token) {
        return officer.post("/api/v1/vault/detokenize", Map.of("token", token, "purpose", "dsar-access"));
    }

    private static String profile(String email, String name) {
        return "{\"email\": \"" + email + "\", \"full_name\": \"" + name + "\", \"city\": \"Berlin\"}";
    }

    private static String signup(String id, String email) {
        return "{\"signup\": \"" + id + "\", \"customer\": {\"email\": \"" + email + "\"}, \"channel\": \"web\"}";
    }

    private static long count(String index, String email) throws Exception {
        String answer = elasticsearch(
                "POST", "/" + index + "/_count", "{\"query\": {\"term\": {\"email\": \"" + email + "\"}}}");
        return CatalogHttp.JSON.readTree(answer).get("count").asLong();
    }

    private static String elasticsearch(String method, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(TestServices.endpoints().elasticsearchUrl() + path))
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 201);
        return response.body();
    }

    private String key(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }
}
