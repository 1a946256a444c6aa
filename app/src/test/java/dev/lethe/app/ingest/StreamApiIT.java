package dev.lethe.app.ingest;

import static dev.lethe.catalog.jooq.Tables.DATA_FIELD;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.CommittedRecords;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.vault.Vault;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Streams registered, changed, paused and removed through the API, running on the real services. */
class StreamApiIT extends AppIntegrationTest {

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Vault vault;

    @Autowired
    ElasticsearchClient elasticsearch;

    Tenant tenant;
    CatalogHttp engineer;
    CatalogHttp officer;
    CatalogHttp auditor;

    @BeforeEach
    void tenantWithKeys() {
        tenant = tenants.create(UniqueNames.of("ingest"), "Stream API test");
        engineer = new CatalogHttp(port, key(Role.ENGINEER));
        officer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        auditor = new CatalogHttp(port, key(Role.AUDITOR));
    }

    @Test
    void badRegistrationsGetProblemsThatSayWhatIsWrong() {
        Map<String, Object> stream = stream(UniqueNames.of("orders"));

        HttpResponse<String> missingTopics = engineer.post("/api/v1/streams", stream);
        HttpResponse<String> sameTopics =
                engineer.post("/api/v1/streams", with(stream, "targetTopic", stream.get("sourceTopic")));
        HttpResponse<String> badPath = engineer.post("/api/v1/streams", with(stream, "subjectPath", "customer.id"));
        HttpResponse<String> unknownCategory =
                engineer.post("/api/v1/streams", with(stream, "policy", Map.of("contact.fax", "DETERMINISTIC")));
        HttpResponse<String> unknownKind =
                engineer.post("/api/v1/streams", with(stream, "policy", Map.of("contact.email", "SCRAMBLE")));
        HttpResponse<String> auditorWrites = auditor.post("/api/v1/streams?createTopics=true", stream);

        assertProblem(missingTopics, 400, "do not exist");
        assertThat(CatalogHttp.body(missingTopics).get("missingTopics").toString())
                .contains((String) stream.get("sourceTopic"), (String) stream.get("targetTopic"));
        assertProblem(sameTopics, 400, "targetTopic must differ");
        assertProblem(badPath, 400, "subjectPath");
        assertProblem(unknownCategory, 400, "valid are");
        assertThat(unknownCategory.body()).contains("contact.email");
        assertProblem(unknownKind, 400, "valid are [DETERMINISTIC");
        assertProblem(auditorWrites, 403, "roles");
        assertThat(engineer.get("/api/v1/streams").body()).isEqualTo("[]");
    }

    @Test
    void aRegisteredStreamProtectsEveryRecordLocatesItsSubjectsAndDeadLettersWhatItCantRead() throws Exception {
        String name = UniqueNames.of("orders");
        Map<String, Object> stream = stream(name);

        HttpResponse<String> created = engineer.post("/api/v1/streams?createTopics=true", stream);
        HttpResponse<String> duplicate = engineer.post("/api/v1/streams?createTopics=true", stream);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/streams/" + name);
        assertThat(CatalogHttp.body(created).get("state").asString()).isEqualTo("RUNNING");
        assertProblem(duplicate, 409, "already exists");
        assertThat(engineer.get("/api/v1/systems").body()).contains("\"name\":\"" + stream.get("system") + "\"");

        List<Map<String, String>> originals = new ArrayList<>();
        try (var producer = producer()) {
            for (int i = 0; i < 40; i++) {
                var values = new LinkedHashMap<String, String>();
                values.put("email", "person" + i + "@example.com");
                values.put("phone", "+44 20 7946 " + (1000 + i));
                values.put("card", "4111 1111 1111 1111");
                originals.add(values);
                String record = "{\"order\":\"SO-" + i + "\",\"customer\":{\"id\":\"cust-" + i + "\",\"email\":\""
                        + values.get("email") + "\",\"phone\":\"" + values.get("phone") + "\"},\"payment\":{\"card\":\""
                        + values.get("card") + "\"},\"note\":\"call " + values.get("phone") + " after 5pm\"}";
                producer.send(new ProducerRecord<>((String) stream.get("sourceTopic"), "order-" + i, record));
            }
            producer.send(new ProducerRecord<>((String) stream.get("sourceTopic"), "order-bad", "{not json"));
        }

        List<ConsumerRecord<String, String>> clean = read((String) stream.get("targetTopic"), 40);
        List<ConsumerRecord<String, String>> dead = read(stream.get("sourceTopic") + ".dlq", 1);

        assertThat(clean).hasSize(40);
        for (ConsumerRecord<String, String> record : clean) {
            for (Map<String, String> values : originals) {
                assertThat(record.value()).doesNotContain(values.values());
            }
            assertThat(record.key()).startsWith("order-");
        }
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("order-bad");
            assertThat(new String(
                            record.headers().lastHeader("lethe.dlq.reason").value(), StandardCharsets.UTF_8))
                    .isEqualTo("not valid JSON");
            assertThat(new String(
                            record.headers().lastHeader("lethe.dlq.stream").value(), StandardCharsets.UTF_8))
                    .isEqualTo(name);
        });

        JsonNode first = CatalogHttp.JSON.readTree(clean.stream()
                .filter(record -> record.key().equals("order-7"))
                .findFirst()
                .orElseThrow()
                .value());
        String emailToken = first.at("/customer/email").asString();
        HttpResponse<String> revealed =
                officer.post("/api/v1/vault/detokenize", Map.of("token", emailToken, "purpose", "dsar-access"));
        assertThat(emailToken).startsWith("tok_email_");
        assertThat(CatalogHttp.body(revealed).get("value").asString()).isEqualTo("person7@example.com");
        assertThat(first.at("/payment/card").asString()).matches("\\d{4} \\d{4} \\d{4} 1111");
        assertThat(first.get("order").asString()).isEqualTo("SO-7");

        String index = SubjectLocator.indexFor(tenant.id().toString());
        elasticsearch.indices().refresh(refresh -> refresh.index(index));
        for (int i = 0; i < 40; i++) {
            String subject = "cust-" + i;
            String hash = as(
                    tenant.id(),
                    () -> vault.subjectHash(tenant.id().toString(), subject).hex());
            long hits = elasticsearch
                    .count(count -> count.index(index)
                            .query(query ->
                                    query.term(term -> term.field("subjectHash").value(hash))))
                    .count();
            assertThat(hits).as("locator entries of " + subject).isEqualTo(1);
        }

        JsonNode status =
                awaitStatus(name, node -> node.at("/figures/recordsIn").asLong() == 41);
        assertThat(status.get("state").asString()).isEqualTo("RUNNING");
        assertThat(status.at("/figures/recordsOut").asLong()).isEqualTo(40);
        assertThat(status.at("/figures/recordsDeadLettered").asLong()).isEqualTo(1);
        assertThat(status.at("/figures/tokenizations/DETERMINISTIC").asLong()).isGreaterThanOrEqualTo(40);
        assertThat(get("/actuator/prometheus", ADMIN_KEY).body())
                .contains("lethe_ingest_records_total{application=\"lethe\",outcome=\"dead_lettered\",stream=\"" + name
                        + "\"} 1.0");
    }

    @Test
    void streamsArePausedResumedChangedAndRemovedWithoutARestart() throws Exception {
        String name = UniqueNames.of("signups");
        Map<String, Object> stream = stream(name);
        String source = (String) stream.get("sourceTopic");
        String target = (String) stream.get("targetTopic");
        assertThat(engineer.post("/api/v1/streams?createTopics=true", stream).statusCode())
                .isEqualTo(201);
        send(source, "{\"customer\":{\"id\":\"c-1\",\"email\":\"first@example.com\"}}");
        assertThat(read(target, 1)).hasSize(1);

        HttpResponse<String> paused = engineer.post("/api/v1/streams/" + name + "/pause", Map.of());
        assertThat(CatalogHttp.body(paused).get("state").asString()).isEqualTo("PAUSED");
        awaitStatus(
                name,
                node -> node.get("state").asString().equals("PAUSED")
                        && node.get("workers").asInt() == 0);
        send(source, "{\"customer\":{\"id\":\"c-2\",\"email\":\"second@example.com\"}}");
        assertThat(read(target, 2, Duration.ofSeconds(4)))
                .as("nothing flows while paused")
                .hasSize(1);

        engineer.post("/api/v1/streams/" + name + "/resume", Map.of());
        assertThat(read(target, 2)).hasSize(2);

        HttpResponse<String> current = engineer.get("/api/v1/streams/" + name);
        HttpResponse<String> stale = engineer.put("/api/v1/streams/" + name, "\"1\"", stream);
        HttpResponse<String> changed = engineer.put(
                "/api/v1/streams/" + name,
                CatalogHttp.etag(current),
                with(stream, "policy", Map.of("contact.email", "HASH", "*", "REDACT")));
        assertProblem(stale, 409, "version");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        // The workers are replaced after their current batch; the status says when the change is in force.
        awaitStatus(
                name,
                node -> node.get("inForce").asBoolean()
                        && node.get("state").asString().equals("RUNNING"));
        send(source, "{\"customer\":{\"email\":\"third@example.com\"}}");
        List<ConsumerRecord<String, String>> all = read(target, 3);
        assertThat(all).hasSize(3);
        assertThat(all.getLast().value()).doesNotContain("third@example.com").doesNotContain("tok_email_");
        assertThat(awaitStatus(
                                name,
                                node -> node.at("/figures/recordsWithoutSubject")
                                                .asLong()
                                        == 1)
                        .at("/figures/recordsOut")
                        .asLong())
                .as("a record without a subject is protected, published and counted")
                .isEqualTo(3);

        HttpResponse<String> noIfMatch = engineer.delete("/api/v1/streams/" + name, null);
        HttpResponse<String> removed = engineer.delete("/api/v1/streams/" + name, CatalogHttp.etag(changed));
        assertProblem(noIfMatch, 428, "If-Match");
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(engineer.get("/api/v1/streams/" + name).statusCode()).isEqualTo(404);
        assertThat(engineer.get("/api/v1/streams/" + name + "/status").statusCode())
                .isEqualTo(404);
    }

    @Test
    void namesThatArePersonalDataReachNeitherTheCleanTopicNorTheCatalogNorItsSearch() throws Exception {
        String name = UniqueNames.of("newsletter");
        Map<String, Object> stream = stream(name);
        assertThat(engineer.post("/api/v1/streams?createTopics=true", stream).statusCode())
                .isEqualTo(201);
        String address = "anna.subscriber@example.com";

        send(
                (String) stream.get("sourceTopic"),
                "{\"customer\":{\"id\":\"c-1\"},\"subscribers\":{\"" + address + "\":{\"since\":\"2024\",\"email\":\""
                        + address + "\"}}}");

        ConsumerRecord<String, String> clean =
                read((String) stream.get("targetTopic"), 1).getFirst();
        assertThat(clean.value()).doesNotContain(address).contains("tok_email_", "\"since\":\"2024\"");
        Map<String, Long> discovered = awaitDiscovered(tenant.id(), "$.subscribers.*");
        assertThat(discovered.keySet())
                .contains("$.subscribers.*.email")
                .allSatisfy(path -> assertThat(path).doesNotContain("anna", "example", "tok_"));
        JsonNode found = Eventually.require(
                "the discovered fields never reached the catalog search",
                () -> CatalogHttp.body(officer.get("/api/v1/catalog/search?q=subscribers")),
                hits -> hits.get("hits").size() >= 2,
                Duration.ofSeconds(30));
        assertThat(found.toString()).doesNotContain("anna", "example.com");
        assertThat(CatalogHttp.body(officer.get("/api/v1/catalog/search?q=anna"))
                        .get("hits"))
                .isEmpty();
        assertThat(officer.get("/api/v1/fields?limit=100").body()).doesNotContain("anna", "example.com");
        HttpResponse<String> audit = auditor.get("/api/v1/audit?limit=100");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).doesNotContain(address);
    }

    @Test
    void deadLetterTopicsKeepRecordsOnlyForTheConfiguredRetentionWhetherNewOrAlreadyThere() throws Exception {
        Map<String, Object> fresh = stream(UniqueNames.of("returns"));
        Map<String, Object> reused = stream(UniqueNames.of("refunds"));
        String reusedDeadLetter = reused.get("sourceTopic") + ".dlq";
        try (Admin admin = admin()) {
            // A dead-letter topic someone made before, keeping everything forever.
            admin.createTopics(List.of(new NewTopic(reusedDeadLetter, 1, (short) 1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"))))
                    .all()
                    .get();
        }

        assertThat(engineer.post("/api/v1/streams?createTopics=true", fresh).statusCode())
                .isEqualTo(201);
        assertThat(engineer.post("/api/v1/streams?createTopics=true", reused).statusCode())
                .isEqualTo(201);

        String fourteenDays = Long.toString(Duration.ofDays(14).toMillis());
        assertThat(retentionMs(fresh.get("sourceTopic") + ".dlq")).isEqualTo(fourteenDays);
        assertThat(retentionMs(reusedDeadLetter)).isEqualTo(fourteenDays);
        assertThat(retentionMs((String) fresh.get("targetTopic")))
                .as("only dead-letter topics are limited")
                .isNotEqualTo(fourteenDays);
    }

    private static String retentionMs(String topic) throws Exception {
        try (Admin admin = admin()) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get(TopicConfig.RETENTION_MS_CONFIG)
                    .value();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", TestServices.endpoints().kafkaBootstrapServers()));
    }

    /** Discovered field paths of the tenant with their sample counts, once {@code path} is among them. */
    private static Map<String, Long> awaitDiscovered(UUID tenantId, String path) {
        return Eventually.read(
                () -> owner().select(DATA_FIELD.PATH, DATA_FIELD.SAMPLE_COUNT)
                        .from(DATA_FIELD)
                        .where(DATA_FIELD.TENANT_ID.eq(tenantId))
                        .and(DATA_FIELD.STATUS.eq("DISCOVERED"))
                        .fetchMap(DATA_FIELD.PATH, DATA_FIELD.SAMPLE_COUNT),
                fields -> fields.containsKey(path),
                Duration.ofSeconds(30));
    }

    private JsonNode awaitStatus(String name, Predicate<JsonNode> condition) {
        return Eventually.require(
                "The stream's status never became what was expected",
                () -> CatalogHttp.body(engineer.get("/api/v1/streams/" + name + "/status")),
                condition,
                Duration.ofSeconds(60));
    }

    private Map<String, Object> stream(String name) {
        var stream = new HashMap<String, Object>();
        stream.put("name", name);
        stream.put("sourceTopic", name + ".raw");
        stream.put("targetTopic", name + ".clean");
        stream.put("system", "shop-" + name);
        stream.put("dataset", "orders");
        stream.put("subjectPath", "$.customer.id");
        stream.put(
                "policy",
                Map.of("contact.email", "DETERMINISTIC", "financial.card", "FORMAT_PRESERVING", "*", "REDACT"));
        return stream;
    }

    private static Map<String, Object> with(Map<String, Object> stream, String field, Object value) {
        var changed = new HashMap<>(stream);
        changed.put(field, value);
        return changed;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(CatalogHttp.body(response).get("detail").asString()).contains(detail);
    }

    private String key(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(tenant.id(), () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role)));
        return secret;
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of("bootstrap.servers", TestServices.endpoints().kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    private static void send(String topic, String value) {
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(topic, value));
        }
    }

    private static List<ConsumerRecord<String, String>> read(String topic, int expected) {
        return read(topic, expected, Duration.ofSeconds(60));
    }

    private static List<ConsumerRecord<String, String>> read(String topic, int expected, Duration patience) {
        return CommittedRecords.read(topic, expected, patience);
    }
}
