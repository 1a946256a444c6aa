package dev.lethe.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.AllowedTarget;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.spi.Accessing;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Discovering;
import dev.lethe.connectors.spi.Discovery;
import dev.lethe.connectors.spi.Erasing;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureReport.Outcome;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.Locating;
import dev.lethe.connectors.spi.Locating.DatasetCount;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.OperationStoppedException;
import dev.lethe.connectors.spi.SubjectMap;
import dev.lethe.connectors.spi.TestResult;
import dev.lethe.connectors.spi.TestResult.Check;
import dev.lethe.connectors.spi.Verifying;
import dev.lethe.connectors.spi.Verifying.Remaining;
import dev.lethe.connectors.spi.Verifying.Verification;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.CommittedRecords;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ingest.DatasetFields;
import dev.lethe.ingest.IngestSettings;
import dev.lethe.ingest.ProtectionPolicy;
import dev.lethe.ingest.RecordProtector;
import dev.lethe.ingest.StreamDefinition;
import dev.lethe.ingest.StreamMetrics;
import dev.lethe.ingest.StreamWorker;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.vault.DetokenizeOutcome;
import dev.lethe.vault.DetokenizeRequest;
import dev.lethe.vault.Principal;
import dev.lethe.vault.TokenKind;
import dev.lethe.vault.TokenRef;
import dev.lethe.vault.Vault;
import dev.lethe.vault.VaultBuilder;
import dev.lethe.vault.VaultPermissions;
import dev.lethe.vault.audit.DetokenizationDenied;
import dev.lethe.vault.audit.SubjectShredded;
import dev.lethe.vault.audit.TokensDetokenized;
import dev.lethe.vault.audit.VaultAudit;
import dev.lethe.vault.kms.LocalKms;
import dev.lethe.vault.postgres.PostgresKeyRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The Kafka connector on the real Kafka and Elasticsearch, with the real vault on PostgreSQL. The
 * topics are really protected: ingest's own stream workers read the raw topics, publish the protected
 * ones and write the locator, as in production.
 */
@ExtendWith(LocalServicesExtension.class)
class KafkaConnectorIT {

    private static final UUID TENANT = UUID.randomUUID();
    private static final String PREFIX = UniqueNames.of("kc");
    private static final String ORDERS_RAW = PREFIX + ".orders.raw";
    private static final String ORDERS = PREFIX + ".orders";
    private static final String PROFILES_RAW = PREFIX + ".profiles.raw";
    private static final String PROFILES = PREFIX + ".profiles";
    private static final String STAGING = "the raw staging copy expires with its 1-day retention";

    private static ServiceEndpoints services;
    private static Vault vault;
    private static ElasticsearchClient elasticsearch;
    private static ConnectorRuntime runtime;

    @BeforeAll
    static void streamThroughIngest(@TempDir Path keys) throws Exception {
        services = TestServices.endpoints();
        vault = new VaultBuilder()
                .kms(LocalKms.open(keys.resolve("keyset.json")))
                .keyRepository(new PostgresKeyRepository(DSL.using(migratedDatabase(), SQLDialect.POSTGRES)))
                .audit(new SilentAudit())
                .build();
        elasticsearch = ElasticsearchClient.of(config -> config.host(services.elasticsearchUrl()));
        runtime = new ConnectorRuntime(
                OutboundGuard.fromSetting(services.kafkaBootstrapServers()), PiiClassifier.create());
        var orders = stream("orders", ORDERS_RAW, ORDERS, "$.customer.id");
        var profiles = stream("profiles", PROFILES_RAW, PROFILES, "$.customer_id");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", services.kafkaBootstrapServers()))) {
            Map<String, String> compact = Map.of("cleanup.policy", "compact");
            admin.createTopics(List.of(
                            new NewTopic(ORDERS_RAW, 2, (short) 1).configs(Map.of("retention.ms", "86400000")),
                            new NewTopic(ORDERS, 2, (short) 1),
                            new NewTopic(orders.deadLetterTopic(), 1, (short) 1),
                            new NewTopic(PROFILES_RAW, 1, (short) 1).configs(compact),
                            new NewTopic(PROFILES, 1, (short) 1).configs(compact),
                            new NewTopic(profiles.deadLetterTopic(), 1, (short) 1)))
                    .all()
                    .get();
        }
        try (var producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", services.kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(ORDERS_RAW, "o-1", order("o-1", "cust-1", "ana@example.com")));
            producer.send(new ProducerRecord<>(ORDERS_RAW, "o-2", order("o-2", "cust-1", "ana@example.com")));
            producer.send(new ProducerRecord<>(ORDERS_RAW, "o-3", order("o-3", "cust-2", "bo@example.org")));
            producer.send(new ProducerRecord<>(ORDERS_RAW, "o-4", order("o-4", "cust-3", "cy@example.net")));
            producer.send(new ProducerRecord<>(PROFILES_RAW, "cust-1", profile("cust-1", "ana@example.com")));
            producer.send(new ProducerRecord<>(PROFILES_RAW, "cust-2", profile("cust-2", "bo@example.org")));
            producer.flush();
        }
        List<StreamWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (StreamDefinition stream : List.of(orders, profiles)) {
            var worker = new StreamWorker(
                    stream,
                    0,
                    IngestSettings.defaults(services.kafkaBootstrapServers(), "kafka-connector-it"),
                    new RecordProtector(PiiClassifier.create(), vault, DatasetFields.NONE),
                    new SubjectLocator(elasticsearch),
                    DatasetFields.NONE,
                    new StreamMetrics(new SimpleMeterRegistry(), stream.name()));
            workers.add(worker);
            threads.add(Thread.ofPlatform().name("ingest-" + stream.name()).start(worker));
        }
        try {
            assertThat(CommittedRecords.read(ORDERS, 4, Duration.ofSeconds(60))).hasSize(4);
            assertThat(CommittedRecords.read(PROFILES, 2, Duration.ofSeconds(60)))
                    .hasSize(2);
        } finally {
            workers.forEach(StreamWorker::close);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30));
            }
        }
        String index = SubjectLocator.indexFor(TENANT.toString());
        elasticsearch.indices().refresh(refresh -> refresh.index(index));
    }

    @AfterAll
    static void closeLocator() throws Exception {
        elasticsearch.close();
    }

    @Test
    void testReachesTheBrokersAndDescribesTheTopics() {
        try (Connector connector = open(Map.of())) {
            TestResult result = connector.test(context());

            assertThat(result.checks())
                    .extracting(Check::name)
                    .containsExactly(
                            "address allowed",
                            "reach the brokers",
                            "advertised brokers allowed",
                            "describe the topics");
            assertThat(result.passed()).as(result.toString()).isTrue();
        }
    }

    @Test
    void testNamesATopicThatDoesNotExist() {
        try (Connector connector = open(Map.of("topics", PREFIX + ".*," + PREFIX + ".missing"))) {
            TestResult result = connector.test(context());

            assertThat(result.passed()).isFalse();
            assertThat(result.checks().getLast().message()).contains(PREFIX + ".missing does not exist");
        }
    }

    @Test
    void discoveryFindsTopicsTheirFieldsAndCompactionKeysWithoutKeepingValues() {
        try (Connector connector = open(Map.of())) {
            Discovery discovery = ((Discovering) connector).discover(context(), 50);

            assertThat(discovery.datasets())
                    .extracting(Discovery.Dataset::name)
                    .contains(ORDERS_RAW, ORDERS, PROFILES_RAW, PROFILES);
            assertThat(discovery.datasets())
                    .allSatisfy(dataset -> assertThat(dataset.kind()).isEqualTo("TOPIC"));
            Map<String, Discovery.Field> raw = fields(discovery, ORDERS_RAW);
            assertThat(raw.get("customer.email").categories()).containsExactly("contact.email");
            assertThat(raw.get("customer.email").suggestedIdentity()).isEqualTo("email");
            assertThat(raw.get("customer.id").suggestedIdentity()).isEqualTo("customer_id");
            assertThat(raw.get("$key").dataType()).isEqualTo("key");
            Map<String, Discovery.Field> profiles = fields(discovery, PROFILES_RAW);
            assertThat(profiles.get("$key").dataType()).isEqualTo("compaction key");
            assertThat(profiles.get("$key").suggestedIdentity()).isEqualTo("customer_id");
            assertThat(discovery.toString()).doesNotContain("ana@example.com", "bo@example.org");
        }
    }

    @Test
    void discoveryAndAccessStopWhenAsked() {
        var stopping = new OperationContext(TENANT, "request-stop", () -> true);
        try (Connector connector = open(Map.of())) {
            assertThatThrownBy(() -> ((Discovering) connector).discover(stopping, 10))
                    .isInstanceOf(OperationStoppedException.class);
            List<String> seen = new ArrayList<>();
            assertThatThrownBy(() -> ((Accessing) connector)
                            .access(stopping, subject("cust-2"), NO_MAP, (dataset, record) -> seen.add(dataset)))
                    .isInstanceOf(OperationStoppedException.class);
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void locateCountsTheSubjectsRecordsPerTopicFromTheLocator() {
        try (Connector connector = open(Map.of())) {
            List<DatasetCount> counts = ((Locating) connector).locate(context(), subject("cust-1"), NO_MAP);

            assertThat(counts)
                    .contains(
                            new DatasetCount(ORDERS_RAW, 2),
                            new DatasetCount(ORDERS, 2),
                            new DatasetCount(PROFILES_RAW, 1),
                            new DatasetCount(PROFILES, 1));
        }
    }

    @Test
    void accessReadsTheLocatedRecordsAndRevealsTheirTokens() {
        try (Connector connector = open(Map.of())) {
            List<Map.Entry<String, Map<String, Object>>> records = new ArrayList<>();
            ((Accessing) connector)
                    .access(
                            context(),
                            subject("cust-2"),
                            NO_MAP,
                            (dataset, record) -> records.add(Map.entry(dataset, record)));

            assertThat(records)
                    .extracting(Map.Entry::getKey)
                    .containsExactlyInAnyOrder(ORDERS_RAW, ORDERS, PROFILES_RAW, PROFILES);
            assertThat(records).allSatisfy(entry -> {
                assertThat(entry.getValue()).containsEntry("customer.email", "bo@example.org");
                assertThat(entry.getValue().toString()).doesNotContain("tok_");
            });
            assertThat(records.stream()
                            .filter(entry -> entry.getKey().equals(ORDERS))
                            .findFirst()
                            .orElseThrow()
                            .getValue())
                    .containsEntry("$key", "o-3")
                    .containsEntry("order", "o-3");
        }
    }

    @Test
    void erasureShredsTheProtectedTopicsTombstonesCompactedOnesAndRepeatsWithoutChange() throws Exception {
        ErasurePlan plan = new ErasurePlan(List.of(
                ErasureRule.deleteRecords(ORDERS),
                ErasureRule.retainRecords(ORDERS_RAW, STAGING),
                ErasureRule.deleteRecords(PROFILES_RAW),
                ErasureRule.deleteRecords(PROFILES)));
        try (Connector connector = open(Map.of())) {
            Identities ana = subject("cust-1");
            String token = tokenIn(ORDERS, "o-1");
            assertThat(reveal(token)).isInstanceOf(DetokenizeOutcome.Revealed.class);
            Verification before = ((Verifying) connector).verify(context(), ana, NO_MAP, plan);
            assertThat(before.passed()).isFalse();
            assertThat(before.remaining())
                    .containsExactlyInAnyOrder(
                            new Remaining(ORDERS, null, 2, false, "tokens still readable through the vault"),
                            new Remaining(ORDERS_RAW, null, 2, true, STAGING),
                            new Remaining(PROFILES_RAW, null, 1, false, "records of the subject without a tombstone"),
                            new Remaining(PROFILES, null, 1, false, "tokens still readable through the vault"));

            ErasureReport first = ((Erasing) connector).erase(context(), ana, NO_MAP, plan);

            assertThat(first.outcomes())
                    .containsExactlyInAnyOrder(
                            new Outcome(ORDERS, null, ErasureStrategy.TOKENIZE, 2, KafkaErasure.SHREDDED),
                            new Outcome(ORDERS_RAW, null, ErasureStrategy.RETAIN, 2, STAGING),
                            new Outcome(
                                    PROFILES_RAW,
                                    null,
                                    ErasureStrategy.DELETE_ROW,
                                    1,
                                    "tombstones for the subject's keys"),
                            new Outcome(PROFILES, null, ErasureStrategy.TOKENIZE, 1, KafkaErasure.SHREDDED),
                            new Outcome(
                                    PROFILES,
                                    null,
                                    ErasureStrategy.DELETE_ROW,
                                    1,
                                    "tombstones for the subject's keys"));
            assertThat(reveal(token)).isInstanceOf(DetokenizeOutcome.Erased.class);
            assertThat(tombstones(PROFILES_RAW)).containsExactly("cust-1");
            assertThat(tombstones(PROFILES)).containsExactly("cust-1");
            assertThat(((Locating) connector).locate(context(), ana, NO_MAP))
                    .contains(
                            new DatasetCount(PROFILES_RAW, 0),
                            new DatasetCount(PROFILES, 0),
                            new DatasetCount(ORDERS_RAW, 2));

            ErasureReport second = ((Erasing) connector).erase(context(), ana, NO_MAP, plan);

            assertThat(second.outcomes())
                    .containsExactlyInAnyOrder(
                            new Outcome(ORDERS, null, ErasureStrategy.TOKENIZE, 0, KafkaErasure.SHREDDED),
                            new Outcome(ORDERS_RAW, null, ErasureStrategy.RETAIN, 2, STAGING),
                            new Outcome(
                                    PROFILES_RAW,
                                    null,
                                    ErasureStrategy.DELETE_ROW,
                                    0,
                                    "tombstones for the subject's keys"),
                            new Outcome(PROFILES, null, ErasureStrategy.TOKENIZE, 0, KafkaErasure.SHREDDED),
                            new Outcome(
                                    PROFILES,
                                    null,
                                    ErasureStrategy.DELETE_ROW,
                                    0,
                                    "tombstones for the subject's keys"));
            assertThat(tombstones(PROFILES_RAW)).containsExactly("cust-1");
            assertThat(tombstones(PROFILES)).containsExactly("cust-1");

            Verification after = ((Verifying) connector).verify(context(), ana, NO_MAP, plan);
            assertThat(after.remaining()).containsExactly(new Remaining(ORDERS_RAW, null, 2, true, STAGING));
            assertThat(after.passed()).isTrue();

            List<Map<String, Object>> protectedCopies = new ArrayList<>();
            ((Accessing) connector).access(context(), ana, NO_MAP, (dataset, record) -> {
                if (dataset.equals(ORDERS)) {
                    protectedCopies.add(record);
                }
            });
            assertThat(protectedCopies)
                    .hasSize(2)
                    .allSatisfy(record -> assertThat(record).containsEntry("customer.email", ErasurePlan.MASK));
        }
    }

    @Test
    void aTopicThatIsNeitherProtectedNorCompactedIsReportedAsStayingUntilRetention() {
        ErasurePlan plan = new ErasurePlan(List.of(ErasureRule.deleteRecords(ORDERS_RAW)));
        try (Connector connector = open(Map.of())) {
            Identities cy = subject("cust-3");
            ErasureReport report = ((Erasing) connector).erase(context(), cy, NO_MAP, plan);

            String note = "not erasable in place: the record stays until the topic's retention removes it"
                    + " (retention.ms=86400000)";
            assertThat(report.outcomes())
                    .containsExactly(new Outcome(ORDERS_RAW, null, ErasureStrategy.RETAIN, 1, note));
            Verification verification = ((Verifying) connector).verify(context(), cy, NO_MAP, plan);
            assertThat(verification.passed()).isFalse();
            assertThat(verification.remaining())
                    .contains(new Remaining(ORDERS_RAW, null, 1, false, note))
                    .contains(new Remaining(ORDERS, null, 1, false, "no rule"));
        }
    }

    @Test
    void aTopicThatDoesNotExistIsAFatalError() {
        ErasurePlan plan = new ErasurePlan(List.of(ErasureRule.deleteRecords(PREFIX + ".nowhere")));
        try (Connector connector = open(Map.of())) {
            assertThatThrownBy(() -> ((Erasing) connector).erase(context(), subject("cust-2"), NO_MAP, plan))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining(PREFIX + ".nowhere does not exist");
        }
    }

    @Test
    void aPlanThatShredsOneProtectedTopicAndRetainsAnotherIsRefusedBeforeAnythingChanges() {
        ErasurePlan plan = new ErasurePlan(
                List.of(ErasureRule.deleteRecords(ORDERS), ErasureRule.retainRecords(PROFILES, "contract")));
        try (Connector connector = open(Map.of())) {
            assertThatThrownBy(() -> ((Erasing) connector).erase(context(), subject("cust-2"), NO_MAP, plan))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("the same key protects both");
            assertThat(((Locating) connector).locate(context(), subject("cust-2"), NO_MAP))
                    .contains(new DatasetCount(ORDERS, 1), new DatasetCount(PROFILES, 1));
            assertThat(reveal(tokenIn(ORDERS, "o-3"))).isInstanceOf(DetokenizeOutcome.Revealed.class);
        }
    }

    @Test
    void aSubjectWithoutTheSubjectIdentityIsAFatalError() {
        try (Connector connector = open(Map.of())) {
            assertThatThrownBy(() ->
                            ((Locating) connector).locate(context(), Identities.of("email", "bo@example.org"), NO_MAP))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("customer_id");
        }
    }

    @Test
    void theGuardRefusesABrokerThatIsNotAllowed() {
        var guarded = new ConnectorRuntime(OutboundGuard.fromSetting(""), PiiClassifier.create());
        var type = new KafkaConnectorType(vault, elasticsearch);
        try (Connector connector = type.open(type.configure(settings(Map.of())), guarded)) {
            TestResult result = connector.test(context());

            assertThat(result.checks()).singleElement().satisfies(check -> {
                assertThat(check.name()).isEqualTo("address allowed");
                assertThat(check.passed()).isFalse();
                assertThat(check.message()).contains("lethe.connectors.allowed-targets");
            });
            assertThatThrownBy(() -> ((Locating) connector).locate(context(), subject("cust-2"), NO_MAP))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("refused");
        }
    }

    @Test
    void theGuardChecksTheBrokersTheClusterAdvertisesNotOnlyTheBootstrapAddress() throws Exception {
        String port = services.kafkaBootstrapServers()
                .substring(services.kafkaBootstrapServers().lastIndexOf(':') + 1);
        // Only the name is allowed; the broker advertises itself by its address, which is not.
        var guard = new OutboundGuard(
                List.of(AllowedTarget.parse("kafka.test:" + port)),
                host -> host.equals("kafka.test")
                        ? List.of(InetAddress.getByName("127.0.0.1"))
                        : Arrays.asList(InetAddress.getAllByName(host)));
        var named = new ConnectorRuntime(guard, PiiClassifier.create());
        var type = new KafkaConnectorType(vault, elasticsearch);
        try (Connector connector =
                type.open(type.configure(settings(Map.of("bootstrap-servers", "kafka.test:" + port))), named)) {
            TestResult result = connector.test(context());

            assertThat(result.checks()).extracting(Check::passed).containsExactly(true, true, false);
            assertThat(result.checks().getLast().name()).isEqualTo("advertised brokers allowed");
            assertThat(result.checks().getLast().message()).contains("refused");
            assertThatThrownBy(() -> ((Locating) connector).locate(context(), subject("cust-2"), NO_MAP))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse());
        }
    }

    @Test
    void theSaslPasswordAppearsNeitherInResultsNorInLogs() {
        var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var logs = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        logs.start();
        // Everything the clients log, DEBUG included, whatever the test logging configuration says.
        var level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        root.addAppender(logs);
        String password = "s3cret-" + UUID.randomUUID();
        Map<String, String> sasl = Map.of(
                "security-protocol", "SASL_SSL",
                "sasl-username", "lethe",
                "sasl-password", password,
                "request-timeout-seconds", "3");
        var type = new KafkaConnectorType(vault, elasticsearch);
        try (Connector connector = type.open(type.configure(settings(sasl)), runtime)) {
            TestResult result = connector.test(context());

            assertThat(result.passed()).isFalse();
            assertThat(result.toString()).doesNotContain(password);
            assertThatThrownBy(() -> ((Locating) connector).locate(context(), subject("cust-2"), NO_MAP))
                    .isInstanceOf(ConnectorException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password));
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
        }
        assertThat(logs.list)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(password));
    }

    @Test
    void aBrokerThatDoesNotAnswerIsARetriableError() {
        var closed = new ConnectorRuntime(OutboundGuard.fromSetting("127.0.0.1:1"), PiiClassifier.create());
        var type = new KafkaConnectorType(vault, elasticsearch);
        Map<String, String> settings =
                settings(Map.of("bootstrap-servers", "127.0.0.1:1", "request-timeout-seconds", "2"));
        try (Connector connector = type.open(type.configure(settings), closed)) {
            TestResult result = connector.test(context());

            assertThat(result.checks().getLast().name()).isEqualTo("reach the brokers");
            assertThat(result.passed()).isFalse();
            assertThatThrownBy(() -> ((Locating) connector).locate(context(), subject("cust-2"), NO_MAP))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isTrue());
        }
    }

    private static final SubjectMap NO_MAP = new SubjectMap(Map.of(), List.of());

    private static Connector open(Map<String, String> overrides) {
        var type = new KafkaConnectorType(vault, elasticsearch);
        return type.open(type.configure(settings(overrides)), runtime);
    }

    private static Map<String, String> settings(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap-servers", services.kafkaBootstrapServers());
        settings.put("topics", PREFIX + ".*");
        settings.put("ingest-streams", ORDERS_RAW + "->" + ORDERS + "," + PROFILES_RAW + "->" + PROFILES);
        settings.put("subject-identity", "customer_id");
        // The test broker has no TLS: the explicit opt-out a local cluster needs.
        settings.put("security-protocol", "PLAINTEXT");
        settings.putAll(overrides);
        return settings;
    }

    private static OperationContext context() {
        return OperationContext.of(TENANT, "request-" + UUID.randomUUID());
    }

    private static Identities subject(String customerId) {
        return new Identities(Map.of("customer_id", customerId, "email", "someone@example.org"));
    }

    private static StreamDefinition stream(String name, String source, String target, String subjectPath) {
        return new StreamDefinition(
                UniqueNames.of(name),
                TENANT.toString(),
                source,
                target,
                "shop",
                name,
                subjectPath,
                new ProtectionPolicy(Map.of(), TokenKind.DETERMINISTIC));
    }

    private static String order(String id, String customer, String email) {
        return "{\"order\":\"" + id + "\",\"customer\":{\"id\":\"" + customer + "\",\"email\":\"" + email + "\"}}";
    }

    private static String profile(String customer, String email) {
        return "{\"customer_id\":\"" + customer + "\",\"customer\":{\"email\":\"" + email + "\"}}";
    }

    private static Map<String, Discovery.Field> fields(Discovery discovery, String topic) {
        Map<String, Discovery.Field> fields = new HashMap<>();
        discovery.datasets().stream()
                .filter(dataset -> dataset.name().equals(topic))
                .findFirst()
                .orElseThrow()
                .fields()
                .forEach(field -> fields.put(field.path(), field));
        return fields;
    }

    /** The first vault token in the protected copy of a record. */
    private static String tokenIn(String topic, String key) {
        String value = CommittedRecords.read(topic, 4, Duration.ofSeconds(10)).stream()
                .filter(record -> key.equals(record.key()))
                .findFirst()
                .orElseThrow()
                .value();
        Matcher token = Detokenizer.TOKEN.matcher(value);
        assertThat(token.find()).as("a token in the protected record").isTrue();
        return token.group();
    }

    private static DetokenizeOutcome reveal(String token) {
        return vault.detokenizeAll(
                        new Principal("it", Set.of(VaultPermissions.DETOKENIZE)),
                        new DetokenizeRequest(TENANT.toString(), "it-check", "it", List.of(TokenRef.of(token))))
                .getFirst();
    }

    /** The keys that have a tombstone in a topic. */
    private static List<String> tombstones(String topic) {
        return CommittedRecords.read(topic, 3, Duration.ofSeconds(5)).stream()
                .filter(record -> record.value() == null)
                .map(ConsumerRecord::key)
                .toList();
    }

    private static PGSimpleDataSource migratedDatabase() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(services.jdbcUrl(TestServices.createDatabase("kafka_vault")));
        dataSource.setUser(services.postgresUser());
        dataSource.setPassword(services.postgresPassword());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return dataSource;
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
