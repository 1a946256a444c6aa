package dev.lethe.app.connectors;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.connectors.webhook.WebhookSignature;
import dev.lethe.infra.MariaDbServer;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.TestMariaDb;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every built-in connector type other than PostgreSQL (which {@link ConnectionApiIT} covers) through
 * the API only, on the real services: a MariaDB shop, Elasticsearch indices, a Kafka topic, a webhook
 * service on loopback that checks Lethe's signature and answers with counts, and a manual task. Each is
 * registered and tested; those that discover land their datasets, categories, identities and foreign
 * keys in the catalog, are confirmed in bulk and locate a subject; the webhook answers locate itself and
 * the manual connection answers {@code 202} with a task waiting for a person.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorTypesApiIT extends AppIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "types-it-" + UUID.randomUUID() + UUID.randomUUID();
    private static final String EMAIL = "customer7@example.org";
    private static final Map<String, Object> SUBJECT = Map.of("identities", Map.of("email", EMAIL));
    /** The subject the webhook service answers later, through its callback. */
    private static final String LATER = "later@example.org";

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private final ServiceEndpoints services = TestServices.endpoints();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer webhook;
    private Tenant tenant;
    private CatalogHttp engineer;
    private CatalogHttp officer;

    @BeforeAll
    void keysAndWebhookService() throws IOException {
        tenant = tenants.create(UniqueNames.of("types"), "Connector types test");
        engineer = new CatalogHttp(port, key(Role.ENGINEER));
        officer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), WEBHOOK_PORT), 0);
        webhook.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (!WebhookSignature.verify(
                        SECRET, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body, Instant.now())) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                received.add(new String(body, StandardCharsets.UTF_8));
                JsonNode request = CatalogHttp.JSON.readTree(body);
                if (LATER.equals(request.path("identities").path("email").asString())) {
                    // Answered later, through the callback URL in the request.
                    exchange.sendResponseHeaders(202, -1);
                    return;
                }
                String action = request.path("action").asString();
                byte[] answer = (action.equals("locate")
                                ? "{\"datasets\": [{\"dataset\": \"accounts\", \"records\": 1},"
                                        + " {\"dataset\": \"payments\", \"records\": 3}], \"note\": \"found\"}"
                                : "{}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        webhook.start();
    }

    @AfterAll
    void stopWebhookService() {
        webhook.stop(0);
    }

    @Test
    void aMariaDbShopIsTestedDiscoveredWithItsForeignKeyConfirmedAndLocated() throws SQLException {
        assumeTrue(TestMariaDb.unavailableReason().isEmpty(), "MariaDB is not installed");
        MariaDbServer server = TestMariaDb.server();
        String database = TestMariaDb.createDatabase("types_shop");
        try (Connection connection =
                        DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("create table customers (id bigint primary key, email varchar(200) not null,"
                    + " full_name varchar(200), phone varchar(40))");
            statement.execute("create table orders (id bigint primary key, customer_id bigint not null,"
                    + " total decimal(10,2), foreign key (customer_id) references customers (id))");
            for (int i = 1; i <= 20; i++) {
                statement.execute("insert into customers values (%d, 'customer%d@example.org',".formatted(i, i)
                        + " 'Customer Number %d', '+49 30 %d')".formatted(i, 1234000 + i));
                statement.execute("insert into orders values (%d, %d, %d.5)".formatted(i, i, i));
                statement.execute("insert into orders values (%d, %d, %d.5)".formatted(20 + i, i, i));
            }
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", server.host());
        config.put("port", server.port());
        config.put("database", database);
        config.put("user", server.user());
        config.put("ssl-mode", "disable"); // the test server has no TLS; connections default to verified TLS
        String path = register("mariadb", config);

        assertTestPasses(path);
        JsonNode summary = discover(path);
        assertThat(summary.get("datasetsFound").asInt()).isEqualTo(2);
        assertThat(summary.get("referencesCreated").asInt()).isEqualTo(1);
        Map<String, String> datasets = datasetIds(summary);
        String customers = datasets.get(database + ".customers");
        String orders = datasets.get(database + ".orders");
        JsonNode email = field(customers, "email");
        assertThat(texts(email.get("categories"))).contains("contact.email");
        assertThat(email.get("identityType").asString()).isEqualTo("email");
        assertThat(email.get("status").asString()).isEqualTo("DISCOVERED");
        assertThat(field(customers, "id").get("identityType").asString()).isEqualTo("customer_id");
        assertThat(CatalogHttp.body(engineer.get("/api/v1/datasets/" + orders + "/references"))
                        .toString())
                .contains("\"fromFields\":[\"customer_id\"]", "\"toFields\":[\"id\"]", "\"source\":\"DISCOVERED\"");

        confirm(customers);
        confirm(orders);
        assertThat(field(customers, "email").get("status").asString()).isEqualTo("CONFIRMED");
        Map<String, Long> counts = located(path);
        assertThat(counts).containsEntry(database + ".customers", 1L).containsEntry(database + ".orders", 2L);
    }

    @Test
    void elasticsearchIndicesAreTestedDiscoveredConfirmedAndLocatedAlongAManualReference() {
        String prefix = UniqueNames.of("types");
        elasticsearch("PUT", "/" + prefix + "-customers", """
                {"settings": {"number_of_replicas": 0}, "mappings": {"properties": {
                  "id": {"type": "long"}, "email": {"type": "keyword"}, "phone": {"type": "keyword"},
                  "full_name": {"type": "text"}}}}""");
        elasticsearch("PUT", "/" + prefix + "-orders", """
                {"settings": {"number_of_replicas": 0}, "mappings": {"properties": {
                  "id": {"type": "long"}, "customer_id": {"type": "long"}, "total": {"type": "double"}}}}""");
        StringBuilder bulk = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            bulk.append("{\"index\":{\"_index\":\"%s-customers\",\"_id\":\"c%d\"}}\n".formatted(prefix, i))
                    .append(("{\"id\": %d, \"email\": \"customer%d@example.org\", \"phone\": \"+49 30 %d\","
                                    + " \"full_name\": \"Customer Number %d\"}\n")
                            .formatted(i, i, 1234000 + i, i));
            for (int order : new int[] {i, 20 + i}) {
                bulk.append("{\"index\":{\"_index\":\"%s-orders\",\"_id\":\"o%d\"}}\n".formatted(prefix, order))
                        .append("{\"id\": %d, \"customer_id\": %d, \"total\": %d.5}\n".formatted(order, i, order));
            }
        }
        HttpResponse<String> indexed = send(
                "POST", services.elasticsearchUrl() + "/_bulk?refresh=true", bulk.toString(), "application/x-ndjson");
        assertThat(indexed.body()).contains("\"errors\":false");
        String path =
                register("elasticsearch", Map.of("url", services.elasticsearchUrl(), "index-patterns", prefix + "-*"));

        assertTestPasses(path);
        JsonNode summary = discover(path);
        assertThat(summary.get("datasetsFound").asInt()).isEqualTo(2);
        Map<String, String> datasets = datasetIds(summary);
        String customers = datasets.get(prefix + "-customers");
        String orders = datasets.get(prefix + "-orders");
        JsonNode email = field(customers, "email");
        assertThat(texts(email.get("categories"))).contains("contact.email");
        assertThat(email.get("identityType").asString()).isEqualTo("email");
        assertThat(texts(field(customers, "phone").get("categories"))).contains("contact.phone");

        confirm(customers);
        confirm(orders);
        // An index has no foreign keys: the engineer adds the link by hand.
        HttpResponse<String> reference = engineer.post(
                "/api/v1/datasets/" + orders + "/references",
                Map.of("fromFields", List.of("customer_id"), "toDatasetId", customers, "toFields", List.of("id")));
        assertThat(reference.statusCode()).as(reference.body()).isEqualTo(201);
        Map<String, Long> counts = located(path);
        assertThat(counts).containsEntry(prefix + "-customers", 1L).containsEntry(prefix + "-orders", 2L);
    }

    @Test
    void aKafkaTopicIsTestedAndDiscoveredWithItsFieldsCategoriesAndIdentities() throws Exception {
        String topic = UniqueNames.of("types") + ".orders";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", services.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", services.kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 1; i <= 5; i++) {
                producer.send(new ProducerRecord<>(
                        topic,
                        "o-" + i,
                        "{\"order\": \"o-%d\", \"customer\": {\"id\": \"cust-%d\", \"email\": \"customer%d@example.org\"}}"
                                .formatted(i, i, i)));
            }
            producer.flush();
        }
        String path = register(
                "kafka",
                Map.of(
                        "bootstrap-servers",
                        services.kafkaBootstrapServers(),
                        "topics",
                        topic,
                        "security-protocol",
                        "PLAINTEXT"));

        assertTestPasses(path);
        JsonNode summary = discover(path);
        assertThat(summary.get("datasetsFound").asInt()).isEqualTo(1);
        String dataset = datasetIds(summary).get(topic);
        JsonNode email = field(dataset, "customer.email");
        assertThat(texts(email.get("categories"))).contains("contact.email");
        assertThat(email.get("identityType").asString()).isEqualTo("email");
        assertThat(field(dataset, "customer.id").get("identityType").asString()).isEqualTo("customer_id");
        confirm(dataset);
        assertThat(field(dataset, "customer.email").get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void aWebhookServiceIsTestedAndAnswersLocateWithItsOwnSignedCounts() throws Exception {
        String path = register(
                "webhook", Map.of("url", "http://127.0.0.1:" + WEBHOOK_PORT + "/lethe", "signing-secret", SECRET));
        assertTestPasses(path);
        assertThat(received).anySatisfy(body -> assertThat(body).contains("\"action\":\"test\""));

        HttpResponse<String> discover = engineer.post(path + "/discover", Map.of());
        assertProblem(discover, 409, "cannot discover");

        HttpResponse<String> located = officer.post(path + "/locate", SUBJECT);
        assertThat(located.statusCode()).as(located.body()).isEqualTo(200);
        JsonNode result = CatalogHttp.body(located);
        assertThat(result.get("records").asLong()).isEqualTo(4);
        assertThat(counts(result)).containsEntry("accounts", 1L).containsEntry("payments", 3L);
        assertThat(result.path("pending").isMissingNode()
                        || result.path("pending").isNull())
                .isTrue();
        JsonNode asked = CatalogHttp.JSON.readTree(received.getLast());
        assertThat(asked.get("action").asString()).isEqualTo("locate");
        assertThat(asked.get("identities").get("email").asString()).isEqualTo(EMAIL);
        assertThat(locateAudit(path)).contains("\"records\": \"4\"").doesNotContain(EMAIL);
        assertThat(CatalogHttp.body(engineer.get(path)).get("config").get("signing-secret"))
                .hasToString("{\"set\":true}");

        HttpResponse<String> later = officer.post(path + "/locate", Map.of("identities", Map.of("email", LATER)));
        assertThat(later.statusCode()).as(later.body()).isEqualTo(202);
        JsonNode pending = CatalogHttp.body(later).get("pending");
        assertThat(pending.get("kind").asString()).isEqualTo("callback");
        assertThat(Instant.parse(pending.get("expiresAt").asString())).isAfter(Instant.now());
        assertThat(later.body()).doesNotContain(LATER, SECRET);

        // The guard still refuses loopback targets that are not on the allow-list.
        Map<String, Object> elsewhere = Map.of(
                "name", UniqueNames.of("elsewhere"),
                "type", "webhook",
                "system", UniqueNames.of("elsewhere"),
                "config", Map.of("url", "http://127.0.0.1:9/lethe", "signing-secret", SECRET));
        assertProblem(engineer.post("/api/v1/connections", elsewhere), 400, "Connections to 127.0.0.1");
    }

    @Test
    void aManualConnectionAnswersLocateWithATaskWaitingForAPerson() {
        String path = register("manual", Map.of("instructions", "Look the customer up in the legacy CRM."));
        assertTestPasses(path);
        assertProblem(engineer.post(path + "/discover", Map.of()), 409, "cannot discover");

        HttpResponse<String> located = officer.post(path + "/locate", SUBJECT);

        assertThat(located.statusCode()).as(located.body()).isEqualTo(202);
        JsonNode result = CatalogHttp.body(located);
        assertThat(result.get("records").asLong()).isZero();
        assertThat(result.get("datasets")).isEmpty();
        JsonNode pending = result.get("pending");
        assertThat(pending.get("kind").asString()).isEqualTo("manual_task");
        assertThat(located.body()).doesNotContain(EMAIL);
        String id = pending.get("id").asString();
        JsonNode open = CatalogHttp.body(engineer.get("/api/v1/manual-tasks?status=open"));
        List<JsonNode> tasks = new ArrayList<>();
        open.forEach(task -> {
            if (task.get("id").asString().equals(id)) {
                tasks.add(task);
            }
        });
        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.get("instructions").asString()).startsWith("Look the customer up in the legacy CRM.");
            assertThat(task.get("status").asString()).isEqualTo("open");
        });
        assertThat(locateAudit(path)).contains("\"pending\": \"" + id + "\"").doesNotContain(EMAIL);
    }

    private String register(String type, Map<String, Object> config) {
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", UniqueNames.of(type));
        registration.put("type", type);
        registration.put("system", UniqueNames.of(type + "-system"));
        registration.put("config", config);
        HttpResponse<String> created = engineer.post("/api/v1/connections", registration);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return "/api/v1/connections/" + CatalogHttp.body(created).get("id").asString();
    }

    private void assertTestPasses(String path) {
        HttpResponse<String> tested = engineer.post(path + "/test", Map.of());
        assertThat(tested.statusCode()).as(tested.body()).isEqualTo(200);
        assertThat(CatalogHttp.body(tested).get("passed").asBoolean())
                .as(tested.body())
                .isTrue();
    }

    private JsonNode discover(String path) {
        HttpResponse<String> discovered = engineer.post(path + "/discover", Map.of());
        assertThat(discovered.statusCode()).as(discovered.body()).isEqualTo(200);
        return CatalogHttp.body(discovered);
    }

    private Map<String, Long> located(String path) {
        HttpResponse<String> located = officer.post(path + "/locate", SUBJECT);
        assertThat(located.statusCode()).as(located.body()).isEqualTo(200);
        return counts(CatalogHttp.body(located));
    }

    private static Map<String, Long> counts(JsonNode result) {
        Map<String, Long> counts = new HashMap<>();
        result.get("datasets")
                .forEach(d ->
                        counts.put(d.get("dataset").asString(), d.get("records").asLong()));
        return counts;
    }

    private static Map<String, String> datasetIds(JsonNode summary) {
        Map<String, String> ids = new HashMap<>();
        summary.get("datasets")
                .forEach(d -> ids.put(d.get("name").asString(), d.get("id").asString()));
        return ids;
    }

    private JsonNode field(String datasetId, String fieldPath) {
        List<JsonNode> matches = new ArrayList<>();
        CatalogHttp.body(engineer.get("/api/v1/datasets/" + datasetId))
                .get("fields")
                .forEach(field -> {
                    if (field.get("path").asString().equals(fieldPath)) {
                        matches.add(field);
                    }
                });
        assertThat(matches).as(fieldPath).hasSize(1);
        return matches.getFirst();
    }

    private void confirm(String datasetId) {
        String path = "/api/v1/datasets/" + datasetId;
        HttpResponse<String> reviewed = engineer.post(
                path + "/fields/review", CatalogHttp.etag(engineer.get(path)), Map.of("decision", "CONFIRM"));
        assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
    }

    private String locateAudit(String path) {
        return owner().selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .and(AUDIT_ENTRY.ACTION.eq("connector.connection.located"))
                .and(AUDIT_ENTRY.TARGET.eq("connection:" + path.substring(path.lastIndexOf('/') + 1)))
                .fetch()
                .map(entry -> entry.getDetails().data())
                .toString();
    }

    private void elasticsearch(String method, String path, String body) {
        HttpResponse<String> response = send(method, services.elasticsearchUrl() + path, body, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static HttpResponse<String> send(String method, String url, String body, String contentType) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", contentType)
                            .method(method, HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(CatalogHttp.body(response).get("detail").asString()).contains(detail);
    }

    private String key(Role role) {
        String secret = "types-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }
}
