package dev.lethe.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.spi.ActiveSubjects;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.HeldSubjects;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Purging;
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgePreview;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ingest.LocatorEntry;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenizeRequest;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.keys.InMemoryKeyRepository;
import dev.lethe.vault.kms.LocalKms;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention purges of topics on the real Kafka, with the locator in the real Elasticsearch and the
 * real vault: records produced with explicit timestamps on both sides of the cutoff, their e-mail
 * addresses tokenized as ingest leaves them, and a locator entry for each.
 */
@ExtendWith(LocalServicesExtension.class)
class KafkaRetentionIT {

    private static final UUID TENANT = UUID.randomUUID();
    private static final String PREFIX = UniqueNames.of("kr");
    /** Two partitions; in partition 1 the third expired record is a held subject's. */
    private static final String EVENTS = PREFIX + ".events";
    /** One partition, no holds. */
    private static final String VISITS = PREFIX + ".visits";
    /** Compacted: Kafka refuses to delete its records. */
    private static final String PROFILES = PREFIX + ".profiles";

    private static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant EXPIRED = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant RECENT = Instant.parse("2026-11-01T00:00:00Z");

    private static final HeldSubjects HELD = new HeldSubjects(
            Map.of("email", "email"), (type, value) -> type.equals("email") && value.equals("held@example.org"));

    private static ServiceEndpoints services;
    private static Vault vault;
    private static ElasticsearchClient elasticsearch;
    private static ConnectorRuntime runtime;

    @BeforeAll
    static void produce(@TempDir Path keys) throws Exception {
        services = TestServices.endpoints();
        vault = new VaultBuilder()
                .kms(LocalKms.open(keys.resolve("keyset.json")))
                .keyRepository(new InMemoryKeyRepository())
                .audit(new SilentAudit())
                .build();
        elasticsearch = ElasticsearchClient.of(config -> config.host(services.elasticsearchUrl()));
        runtime = new ConnectorRuntime(
                OutboundGuard.fromSetting(services.kafkaBootstrapServers()), PiiClassifier.create());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", services.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(
                            // Kept for ever: the broker's own retention would remove year-old records at any time.
                            new NewTopic(EVENTS, 2, (short) 1).configs(Map.of("retention.ms", "-1")),
                            new NewTopic(VISITS, 1, (short) 1).configs(Map.of("retention.ms", "-1")),
                            new NewTopic(PROFILES, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get();
        }
        List<LocatorEntry> entries = new ArrayList<>();
        try (var producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", services.kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int partition = 0; partition < 2; partition++) {
                for (int i = 0; i < 8; i++) {
                    boolean expired = i < 5;
                    String email =
                            partition == 1 && i == 2 ? "held@example.org" : "user" + partition + i + "@example.org";
                    send(producer, EVENTS, partition, i, expired, email, entries);
                }
            }
            for (int i = 0; i < 6; i++) {
                send(producer, VISITS, 0, i, i < 4, "visitor" + i + "@example.org", entries);
            }
            for (int i = 0; i < 2; i++) {
                send(producer, PROFILES, 0, i, true, "profile" + i + "@example.org", entries);
            }
            producer.flush();
        }
        new SubjectLocator(elasticsearch).write(TENANT.toString(), entries);
        elasticsearch.indices().refresh(refresh -> refresh.index(SubjectLocator.indexFor(TENANT.toString())));
    }

    @AfterAll
    static void closeLocator() throws Exception {
        elasticsearch.close();
    }

    @Test
    void theExpiredPrefixGoesAndAHeldRecordStopsItsPartitionsTruncation() throws Exception {
        var purge = new Purge(EVENTS, "timestamp", CUTOFF, 1000, List.of()).withHeld(HELD);

        PurgePreview preview = preview(purge);
        PurgeResult result = purge(purge);
        PurgeResult again = purge(purge);

        // Partition 0 loses its five expired records; partition 1 only the two before the held one.
        assertThat(preview).isEqualTo(new PurgePreview(7, 3, time(0, 0, true), time(1, 1, true)));
        assertThat(result).isEqualTo(new PurgeResult(7, 2, 3));
        assertThat(again).isEqualTo(new PurgeResult(0, 0, 3));
        assertThat(startOffsets(EVENTS)).containsExactly(5L, 2L);
        assertThat(locatorEntries(EVENTS, 0)).containsExactly(5L, 6L, 7L);
        assertThat(locatorEntries(EVENTS, 1)).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void withoutHoldsTheWholeExpiredPrefixGoesOnceAndThePreviewSaysSoFirst() throws Exception {
        var purge = new Purge(VISITS, "timestamp", CUTOFF, 1000, List.of());

        PurgePreview preview = preview(purge);
        PurgeResult result = purge(purge);

        assertThat(preview).isEqualTo(new PurgePreview(4, 0, time(0, 0, true), time(0, 3, true)));
        assertThat(result).isEqualTo(new PurgeResult(4, 1, 0));
        assertThat(purge(purge)).isEqualTo(new PurgeResult(0, 0, 0));
        assertThat(preview(purge)).isEqualTo(PurgePreview.NOTHING);
        assertThat(startOffsets(VISITS)).containsExactly(4L);
        assertThat(locatorEntries(VISITS, 0)).containsExactly(4L, 5L);
    }

    @Test
    void aClockOtherThanTheTimestampAndAnonymizationAreRefused() {
        assertThatThrownBy(() -> purge(new Purge(VISITS, "created_at", CUTOFF, 100, List.of())))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("needs the clock field timestamp, not created_at");
        var anonymize = List.of(ErasureRule.field(VISITS, "email", ErasureStrategy.NULL, null));
        assertThatThrownBy(() -> purge(new Purge(VISITS, "timestamp", CUTOFF, 100, anonymize)))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("cannot be changed in place; purge deletes");
    }

    @Test
    void anEventClockIsRefusedAndTheTopicKeepsEveryRecord() {
        var active = new ActiveSubjects(Map.of("email", "email"), (type, value) -> true);
        var purge = new Purge(VISITS, "timestamp", CUTOFF, 100, List.of()).withActive(active);
        List<Long> before = startOffsets(VISITS);

        assertThatThrownBy(() -> purge(purge))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("can only lose a prefix");
        assertThatThrownBy(() -> preview(purge)).isInstanceOf(ConnectorException.class);
        try (Connector connector = open()) {
            assertThatThrownBy(() -> ((Purging) connector)
                            .activeIdentities(
                                    context(),
                                    new Purging.ActivityScan(VISITS, "timestamp", CUTOFF, Map.of("email", "email"), 10),
                                    (type, value) -> {}))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("can only lose a prefix");
        }
        assertThat(startOffsets(VISITS)).isEqualTo(before);
    }

    @Test
    void aCompactedTopicIsRefusedNotRetried() {
        assertThatThrownBy(() -> purge(new Purge(PROFILES, "timestamp", CUTOFF, 100, List.of())))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("cannot be purged, only compacted");
    }

    private static void send(
            KafkaProducer<String, String> producer,
            String topic,
            int partition,
            int i,
            boolean expired,
            String email,
            List<LocatorEntry> entries)
            throws Exception {
        String customer = "c-" + topic.hashCode() + "-" + partition + "-" + i;
        String token = vault.tokenize(new TokenizeRequest(
                        TENANT.toString(), customer, "contact.email", TokenKind.DETERMINISTIC, email))
                .token();
        Instant time = time(partition, i, expired);
        var metadata = producer.send(new ProducerRecord<>(
                        topic,
                        partition,
                        time.toEpochMilli(),
                        customer,
                        "{\"customer_id\": \"" + customer + "\", \"email\": \"" + token + "\"}"))
                .get();
        entries.add(new LocatorEntry(
                vault.subjectHash(TENANT.toString(), customer).hex(),
                "kafka",
                topic,
                topic,
                partition,
                metadata.offset(),
                customer,
                Set.of("contact.email"),
                time.toString(),
                Instant.now().toString()));
    }

    /** Expired records a minute apart from a year ago (partition 1 ten minutes later), recent ones in November. */
    private static Instant time(int partition, int i, boolean expired) {
        return (expired ? EXPIRED : RECENT).plus(Duration.ofMinutes(partition * 10L + i));
    }

    private static PurgeResult purge(Purge purge) {
        try (Connector connector = open()) {
            return ((Purging) connector).purge(context(), purge);
        }
    }

    private static PurgePreview preview(Purge purge) {
        try (Connector connector = open()) {
            return ((Purging) connector).preview(context(), purge);
        }
    }

    private static Connector open() {
        var type = new KafkaConnectorType(vault, elasticsearch);
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap-servers", services.kafkaBootstrapServers());
        settings.put("topics", PREFIX + ".*");
        settings.put("subject-identity", "customer_id");
        settings.put("security-protocol", "PLAINTEXT");
        return type.open(type.configure(settings), runtime);
    }

    private static OperationContext context() {
        return OperationContext.of(TENANT, "retention-" + UUID.randomUUID());
    }

    private static List<Long> startOffsets(String topic) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of("bootstrap.servers", services.kafkaBootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                    .toList();
            var starts = consumer.beginningOffsets(partitions);
            return partitions.stream().map(starts::get).toList();
        }
    }

    /** The offsets the locator still has entries for in a partition, in order. */
    private static List<Long> locatorEntries(String topic, int partition) throws Exception {
        String index = SubjectLocator.indexFor(TENANT.toString());
        elasticsearch.indices().refresh(refresh -> refresh.index(index));
        return elasticsearch
                .search(
                        search -> search.index(index)
                                .size(100)
                                .query(query -> query.bool(bool -> bool.filter(f -> f.term(
                                                term -> term.field("topic").value(topic)))
                                        .filter(f -> f.term(
                                                term -> term.field("partition").value(partition)))))
                                .sort(sort -> sort.field(f -> f.field("offset"))),
                        LocatorEntry.class)
                .hits()
                .hits()
                .stream()
                .map(hit -> hit.source().offset())
                .toList();
    }

    /** The vault's audit is not what this test is about. */
    private static final class SilentAudit implements VaultAudit {
        @Override
        public void detokenized(TokensDetokenized event) {}

        @Override
        public void detokenizationDenied(DetokenizationDenied event) {}

        @Override
        public void shredded(SubjectShredded event) {}
    }
}
