package dev.lethe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.CommittedRecords;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.Vault;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalServicesExtension.class)
class StreamWorkerIT {

    @TempDir
    Path keys;

    @Test
    void recordsAreProtectedOnceBadOnesDeadLetteredAndSubjectsLocated() throws Exception {
        ServiceEndpoints services = TestServices.endpoints();
        var stream = emailStream("orders", "shop", "$.customer.id");
        String source = stream.sourceTopic();
        createTopics(services, stream, 2);
        try (var producer = producer(services)) {
            producer.send(new ProducerRecord<>(
                    source, "o-1", "{\"customer\":{\"id\":\"cust-1\",\"email\":\"ana@example.com\"}}"));
            producer.send(new ProducerRecord<>(
                    source, "o-2", "{\"customer\":{\"id\":\"cust-2\",\"email\":\"bo@example.org\"}}"));
            producer.send(new ProducerRecord<>(source, "o-3", "{\"customer\": not json"));
            producer.flush();
        }
        Vault vault = TestVaults.create(keys);
        var elasticsearch = ElasticsearchClient.of(config -> config.host(services.elasticsearchUrl()));
        var metrics = new StreamMetrics(new SimpleMeterRegistry(), stream.name());
        var worker = new StreamWorker(
                stream,
                0,
                IngestSettings.defaults(services.kafkaBootstrapServers(), "it"),
                new RecordProtector(PiiClassifier.create(), vault, DatasetFields.NONE),
                new SubjectLocator(elasticsearch),
                DatasetFields.NONE,
                metrics);
        Thread thread = Thread.ofPlatform().name("worker").start(worker);
        try {
            List<ConsumerRecord<String, String>> clean =
                    CommittedRecords.read(stream.targetTopic(), 2, Duration.ofSeconds(60));
            List<ConsumerRecord<String, String>> dead =
                    CommittedRecords.read(stream.deadLetterTopic(), 1, Duration.ofSeconds(60));

            assertThat(clean).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("o-1", "o-2");
            assertThat(clean)
                    .allSatisfy(record ->
                            assertThat(record.value()).contains("tok_email_").doesNotContain("@example"));
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("o-3");
                assertThat(new String(
                                record.headers().lastHeader("lethe.dlq.reason").value(), StandardCharsets.UTF_8))
                        .isEqualTo("not valid JSON");
            });
            String index = SubjectLocator.indexFor(stream.tenant());
            elasticsearch.indices().refresh(refresh -> refresh.index(index));
            String cust1 = vault.subjectHash(stream.tenant(), "cust-1").hex();
            var hits = elasticsearch
                    .search(
                            search -> search.index(index)
                                    .query(query -> query.term(
                                            term -> term.field("subjectHash").value(cust1))),
                            LocatorEntry.class)
                    .hits()
                    .hits();
            assertThat(hits).singleElement().satisfies(hit -> {
                assertThat(hit.source().system()).isEqualTo("shop");
                assertThat(hit.source().categories()).contains("contact.email");
                assertThat(hit.source().recordKey()).isEqualTo("o-1");
            });
        } finally {
            worker.close();
            thread.join(Duration.ofSeconds(30));
        }
        assertThat(metrics.figures().recordsIn()).isEqualTo(3);
        assertThat(metrics.figures().recordsOut()).isEqualTo(2);
        assertThat(metrics.figures().recordsDeadLettered()).isEqualTo(1);
        assertThat(metrics.figures().tokenizations()).containsEntry("DETERMINISTIC", 2L);
    }

    @Test
    void namesThatArePersonalDataLeaveIngestOnlyAsTokensAndNeverAsPaths() throws Exception {
        ServiceEndpoints services = TestServices.endpoints();
        var stream = emailStream("subscribers", "newsletter", "$.list.id");
        String source = stream.sourceTopic();
        createTopics(services, stream, 1);
        String address = "anna.keyed@example.com";
        String deep = "{\"list\":{\"id\":\"l-2\"},\"x\":" + "{\"y\":".repeat(100) + "{\"" + address + "\":1}"
                + "}".repeat(101);
        try (var producer = producer(services)) {
            producer.send(new ProducerRecord<>(
                    source,
                    "{\"" + address + "\":\"k\"}",
                    "{\"list\":{\"id\":\"l-1\"},\"subscribers\":{\"" + address
                            + "\":{\"since\":\"2024\"},\"bo.keyed@example.org\":{\"since\":\"2025\"}}}"));
            producer.send(new ProducerRecord<>(source, "deep", deep));
            producer.flush();
        }
        List<FieldSighting> sighted = new java.util.concurrent.CopyOnWriteArrayList<>();
        DatasetFields recording = new DatasetFields() {
            @Override
            public Map<String, java.util.Set<String>> confirmed(StreamDefinition ignored) {
                return Map.of();
            }

            @Override
            public void sighted(StreamDefinition ignored, java.util.Collection<FieldSighting> sightings) {
                sighted.addAll(sightings);
            }
        };
        Vault vault = TestVaults.create(keys);
        var elasticsearch = ElasticsearchClient.of(config -> config.host(services.elasticsearchUrl()));
        var worker = new StreamWorker(
                stream,
                0,
                IngestSettings.defaults(services.kafkaBootstrapServers(), "it"),
                new RecordProtector(PiiClassifier.create(), vault, recording),
                new SubjectLocator(elasticsearch),
                recording,
                new StreamMetrics(new SimpleMeterRegistry(), stream.name()));
        Thread thread = Thread.ofPlatform().name("worker").start(worker);
        try {
            ConsumerRecord<String, String> clean = CommittedRecords.read(
                            stream.targetTopic(), 1, Duration.ofSeconds(60))
                    .getFirst();
            ConsumerRecord<String, String> dead = CommittedRecords.read(
                            stream.deadLetterTopic(), 1, Duration.ofSeconds(60))
                    .getFirst();

            assertThat(clean.key()).doesNotContain(address).contains("tok_email_");
            assertThat(clean.value()).doesNotContain(address, "bo.keyed").contains("\"since\":\"2024\"");
            assertThat(sighted)
                    .isNotEmpty()
                    .allSatisfy(sighting -> assertThat(sighting.path()).doesNotContain("keyed", "example"));
            assertThat(sighted).extracting(FieldSighting::path).contains("$.subscribers.*", "$key.*");
            assertThat(dead.key()).isEqualTo("deep");
            assertThat(new String(dead.headers().lastHeader("lethe.dlq.reason").value(), StandardCharsets.UTF_8))
                    .startsWith("the record is beyond the classifier's limits: nesting deeper than")
                    .doesNotContain(address);
            java.util.stream.StreamSupport.stream(dead.headers().spliterator(), false)
                    .forEach(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8))
                            .doesNotContain(address));

            String index = SubjectLocator.indexFor(stream.tenant());
            elasticsearch.indices().refresh(refresh -> refresh.index(index));
            String subject = vault.subjectHash(stream.tenant(), "l-1").hex();
            var hits = elasticsearch
                    .search(
                            search -> search.index(index)
                                    .query(query -> query.term(
                                            term -> term.field("subjectHash").value(subject))),
                            LocatorEntry.class)
                    .hits()
                    .hits();
            assertThat(hits)
                    .singleElement()
                    .satisfies(hit -> assertThat(hit.source().recordKey())
                            .doesNotContain(address)
                            .contains("tok_email_"));
        } finally {
            worker.close();
            thread.join(Duration.ofSeconds(30));
        }
    }

    @Test
    void aBatchWithSeveralRecordsPerSubjectWritesOneLocatorDocumentPerSubject() throws Exception {
        ServiceEndpoints services = TestServices.endpoints();
        var stream = emailStream("visits", "web", "$.customer.id");
        String source = stream.sourceTopic();
        createTopics(services, stream, 1);
        List<String> customers = List.of("cust-1", "cust-2", "cust-1", "cust-1", "cust-2", "cust-1");
        Map<String, List<Long>> offsets = new java.util.TreeMap<>();
        // All of them in the topic before the worker starts: its first poll reads them as one batch.
        try (var producer = producer(services)) {
            for (int i = 0; i < customers.size(); i++) {
                String customer = customers.get(i);
                long offset = producer.send(new ProducerRecord<>(
                                source,
                                "v-" + i,
                                "{\"customer\":{\"id\":\"" + customer + "\",\"email\":\"" + customer
                                        + "@example.com\"}}"))
                        .get()
                        .offset();
                offsets.computeIfAbsent(customer, c -> new java.util.ArrayList<>())
                        .add(offset);
            }
        }
        Vault vault = TestVaults.create(keys);
        var elasticsearch = ElasticsearchClient.of(config -> config.host(services.elasticsearchUrl()));
        var locator = new SubjectLocator(elasticsearch);
        var worker = new StreamWorker(
                stream,
                0,
                IngestSettings.defaults(services.kafkaBootstrapServers(), "it"),
                new RecordProtector(PiiClassifier.create(), vault, DatasetFields.NONE),
                locator,
                DatasetFields.NONE,
                new StreamMetrics(new SimpleMeterRegistry(), stream.name()));
        Thread thread = Thread.ofPlatform().name("worker").start(worker);
        try {
            assertThat(CommittedRecords.read(stream.targetTopic(), customers.size(), Duration.ofSeconds(60)))
                    .hasSize(customers.size());
        } finally {
            worker.close();
            thread.join(Duration.ofSeconds(30));
        }
        String index = SubjectLocator.indexFor(stream.tenant());
        elasticsearch.indices().refresh(refresh -> refresh.index(index));

        assertThat(elasticsearch.count(count -> count.index(index)).count())
                .as("documents, one per subject")
                .isEqualTo(2);
        assertThat(locator.written()).isEqualTo(new SubjectLocator.Written(2, customers.size()));
        for (var customer : offsets.entrySet()) {
            String hash = vault.subjectHash(stream.tenant(), customer.getKey()).hex();
            var hits = elasticsearch
                    .search(
                            search -> search.index(index)
                                    .query(query -> query.term(
                                            term -> term.field("subjectHash").value(hash))),
                            LocatorDocument.class)
                    .hits()
                    .hits();
            assertThat(hits).singleElement().satisfies(hit -> {
                assertThat(hit.source().count()).isEqualTo(customer.getValue().size());
                assertThat(hit.source().entries())
                        .extracting(LocatorEntry::offset)
                        .containsExactlyElementsOf(customer.getValue());
                assertThat(hit.source().entries())
                        .allSatisfy(entry -> assertThat(entry.recordKey()).startsWith("v-"));
                assertThat(hit.source().categories()).contains("contact.email");
            });
            assertThat(new SubjectLocations(elasticsearch).find(stream.tenant(), hash))
                    .singleElement()
                    .satisfies(location -> assertThat(location.records())
                            .isEqualTo(customer.getValue().size()));
        }
    }

    @Test
    void recordsArrivingOneByOneAreGatheredIntoFewTransactions() throws Exception {
        ServiceEndpoints services = TestServices.endpoints();
        var stream = emailStream("clicks", "web", "$.customer.id");
        String source = stream.sourceTopic();
        createTopics(services, stream, 1);
        // The broker holds a fetch until 1 MB is there or 3 s have passed: records sent over about a second
        // arrive in one or two batches, where a fetch answered at the first byte would make one each.
        var settings = new IngestSettings(
                services.kafkaBootstrapServers(),
                "it",
                Duration.ofSeconds(30),
                500,
                1 << 20,
                Duration.ofSeconds(3),
                Map.of());
        Vault vault = TestVaults.create(keys);
        var elasticsearch = ElasticsearchClient.of(config -> config.host(services.elasticsearchUrl()));
        var metrics = new StreamMetrics(new SimpleMeterRegistry(), stream.name());
        var worker = new StreamWorker(
                stream,
                0,
                settings,
                new RecordProtector(PiiClassifier.create(), vault, DatasetFields.NONE),
                new SubjectLocator(elasticsearch),
                DatasetFields.NONE,
                metrics);
        Thread thread = Thread.ofPlatform().name("worker").start(worker);
        try (var producer = producer(services)) {
            // A first record, committed before the others are sent: the worker has joined and is fetching.
            producer.send(new ProducerRecord<>(source, "c-0", click(0))).get();
            CommittedRecords.read(stream.targetTopic(), 1, Duration.ofSeconds(60));
            for (int i = 1; i <= 10; i++) {
                producer.send(new ProducerRecord<>(source, "c-" + i, click(i))).get();
                Thread.sleep(100); // the premise: records arrive one by one
            }

            assertThat(CommittedRecords.read(stream.targetTopic(), 11, Duration.ofSeconds(60)))
                    .hasSize(11);
        } finally {
            worker.close();
            thread.join(Duration.ofSeconds(30));
        }
        // Read once the worker stopped: it counts a batch just after its commit, which readers may see first.
        // The first record was a transaction of its own (the others were sent after it was committed).
        assertThat(metrics.figures().batchesCommitted() - 1)
                .as("transactions for ten records sent 100 ms apart")
                .isBetween(1L, 3L);
        assertThat(metrics.batchProfile()).contains("process", "locator", "commit");
    }

    private static String click(int i) {
        return "{\"customer\":{\"id\":\"cust-" + i + "\",\"email\":\"c" + i + "@example.com\"}}";
    }

    /** A stream of a fresh tenant from {@code <dataset>.raw} to {@code <dataset>.clean} that tokenizes e-mail addresses. */
    private static StreamDefinition emailStream(String dataset, String system, String subjectPath) {
        return new StreamDefinition(
                UniqueNames.of(dataset),
                UniqueNames.of("tenant"),
                UniqueNames.of(dataset + ".raw"),
                UniqueNames.of(dataset + ".clean"),
                system,
                dataset,
                subjectPath,
                new ProtectionPolicy(Map.of("contact.email", TokenKind.DETERMINISTIC), TokenKind.REDACT));
    }

    private static KafkaProducer<String, String> producer(ServiceEndpoints services) {
        return new KafkaProducer<>(
                Map.of("bootstrap.servers", services.kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    /** The stream's source and target topics with {@code partitions} each, and its dead-letter topic. */
    private static void createTopics(ServiceEndpoints services, StreamDefinition stream, int partitions)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", services.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(stream.sourceTopic(), partitions, (short) 1),
                            new NewTopic(stream.targetTopic(), partitions, (short) 1),
                            new NewTopic(stream.deadLetterTopic(), 1, (short) 1)))
                    .all()
                    .get();
        }
    }
}
