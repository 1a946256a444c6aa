package dev.lethe.connectors.kafka;

import dev.lethe.connectors.guard.OutboundRefusedException;
import dev.lethe.connectors.spi.Accessing;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Discovering;
import dev.lethe.connectors.spi.Discovery;
import dev.lethe.connectors.spi.Erasing;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.Identities;
import dev.lethe.connectors.spi.Locating;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.OperationStoppedException;
import dev.lethe.connectors.spi.Purging;
import dev.lethe.connectors.spi.SubjectMap;
import dev.lethe.connectors.spi.TestResult;
import dev.lethe.connectors.spi.TestResult.Check;
import dev.lethe.connectors.spi.Verifying;
import dev.lethe.ingest.LocatorEntry;
import dev.lethe.vault.Vault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A connection to one Kafka cluster. Topics are datasets; a subject's records are found through
 * ingest's locator (by the vault's hash of the subject id), read at their exact positions, and their
 * tokens revealed through the vault. Erasure is crypto-shredding for protected topics and tombstones
 * for compacted ones ({@link KafkaErasure}); a retention purge truncates a topic's expired prefix
 * ({@link TopicRetention}). Thread-safe: each operation makes its own clients.
 */
final class KafkaConnector implements Connector, Discovering, Locating, Accessing, Erasing, Verifying, Purging {

    private final KafkaConnectorConfig config;
    private final ConnectorRuntime runtime;
    private final KafkaClients clients;
    private final Vault vault;
    private final LocatorEntries locator;

    KafkaConnector(KafkaConnectorConfig config, ConnectorRuntime runtime, Vault vault, LocatorEntries locator) {
        this.config = config;
        this.runtime = runtime;
        this.clients = new KafkaClients(config, runtime.guard());
        this.vault = vault;
        this.locator = locator;
    }

    @Override
    public TestResult test(OperationContext context) {
        List<Check> checks = new ArrayList<>();
        String bootstrap;
        try {
            bootstrap = clients.bootstrap();
            checks.add(Check.passed("address allowed"));
        } catch (OutboundRefusedException e) {
            checks.add(Check.failed("address allowed", e.getMessage()));
            return new TestResult(checks);
        }
        long timeout = config.requestTimeout().toMillis();
        try (Admin admin = clients.admin()) {
            try {
                admin.describeCluster().nodes().get(timeout, TimeUnit.MILLISECONDS);
                checks.add(Check.passed("reach the brokers"));
            } catch (Exception e) {
                checks.add(Check.failed(
                        "reach the brokers",
                        KafkaErrors.classify("Reaching " + config.bootstrapServers(), e)
                                .getMessage()));
                return new TestResult(checks);
            }
            try {
                clients.checkAdvertised(admin);
                checks.add(Check.passed("advertised brokers allowed"));
            } catch (OutboundRefusedException e) {
                checks.add(Check.failed("advertised brokers allowed", e.getMessage()));
                return new TestResult(checks);
            }
            checks.add(topicsDescribed(admin));
        } catch (Exception e) {
            checks.add(Check.failed(
                    "describe the topics", KafkaErrors.classify("Describing", e).getMessage()));
        }
        return new TestResult(checks);
    }

    /** Every named topic exists, and every covered topic can be described by this user. */
    private Check topicsDescribed(Admin admin) {
        long timeout = config.requestTimeout().toMillis();
        List<String> problems = new ArrayList<>();
        try {
            Map<String, TopicInfo> topics = TopicInfo.list(admin, config);
            config.topics().stream()
                    .filter(pattern -> !pattern.contains("*") && !topics.containsKey(pattern))
                    .forEach(missing -> problems.add(missing + " does not exist (or this user may not describe it)"));
            config.streams().forEach(stream -> {
                for (String topic : List.of(stream.source(), stream.target())) {
                    if (!topics.containsKey(topic) && problems.stream().noneMatch(p -> p.startsWith(topic + " "))) {
                        problems.add(topic + " of an ingest stream is not among the connection's topics");
                    }
                }
            });
            Map<String, org.apache.kafka.common.KafkaFuture<TopicDescription>> described =
                    admin.describeTopics(topics.keySet()).topicNameValues();
            for (var entry : described.entrySet()) {
                try {
                    entry.getValue().get(timeout, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    problems.add(entry.getKey() + ": " + KafkaErrors.describe(e.getCause() == null ? e : e.getCause()));
                }
            }
        } catch (Exception e) {
            return Check.failed(
                    "describe the topics",
                    KafkaErrors.classify("Describing the topics", e).getMessage());
        }
        return problems.isEmpty()
                ? Check.passed("describe the topics")
                : Check.failed("describe the topics", String.join("; ", problems));
    }

    @Override
    public Discovery discover(OperationContext context, int samplePerField) {
        if (samplePerField < 0) {
            throw new IllegalArgumentException("a sample has zero or more values");
        }
        return withClients("Discovery", (admin, consumer) -> {
            List<Discovery.Dataset> datasets = new ArrayList<>();
            var sampler =
                    new TopicSampler(consumer, runtime.classifier(), config.subjectIdentity(), config.requestTimeout());
            for (TopicInfo topic : TopicInfo.list(admin, config).values()) {
                context.checkpoint();
                datasets.add(new Discovery.Dataset(
                        topic.name(),
                        "TOPIC",
                        topic.name(),
                        sampler.fields(context, topic.name(), topic.compacted(), samplePerField)));
            }
            return new Discovery(datasets, List.of());
        });
    }

    @Override
    public List<DatasetCount> locate(OperationContext context, Identities subject, SubjectMap map) {
        String hash = subjectHash(context, subject);
        return withClients("Locating a subject", (admin, consumer) -> {
            Map<String, Long> byTopic = new TreeMap<>();
            locator.forEachPage(
                    context, hash, page -> page.forEach(entry -> byTopic.merge(entry.topic(), 1L, Long::sum)));
            List<DatasetCount> counts = new ArrayList<>();
            for (String topic : TopicInfo.list(admin, config).keySet()) {
                String located =
                        config.streamWithTarget(topic).map(s -> s.source()).orElse(topic);
                counts.add(new DatasetCount(topic, byTopic.getOrDefault(located, 0L)));
            }
            return counts;
        });
    }

    @Override
    public void access(OperationContext context, Identities subject, SubjectMap map, RecordSink sink) {
        String hash = subjectHash(context, subject);
        var detokenizer = new Detokenizer(vault, Detokenizer.ACCESS);
        withClients("Reading a subject's records", (admin, consumer) -> {
            var topics = TopicInfo.list(admin, config);
            var reader = new PositionReader(consumer, config.requestTimeout());
            locator.forEachPage(context, hash, page -> {
                context.checkpoint();
                List<LocatorEntry> covered =
                        page.stream().filter(e -> topics.containsKey(e.topic())).toList();
                for (PositionReader.Located located : reader.read(covered)) {
                    if (located.record() != null && located.record().value() != null) {
                        sink.accept(located.entry().topic(), record(context, detokenizer, located.record()));
                    }
                }
                for (var stream : config.streams()) {
                    if (!topics.containsKey(stream.target())) {
                        continue;
                    }
                    for (LocatorEntry entry : page) {
                        if (entry.topic().equals(stream.source())) {
                            ConsumerRecord<byte[], byte[]> copy = reader.copy(entry, stream.target());
                            if (copy != null && copy.value() != null) {
                                sink.accept(stream.target(), record(context, detokenizer, copy));
                            }
                        }
                    }
                }
            });
            return null;
        });
    }

    /** A record for the package: where it is, its key and its value's paths, tokens revealed. */
    private static Map<String, Object> record(
            OperationContext context, Detokenizer detokenizer, ConsumerRecord<byte[], byte[]> record) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("$topic", record.topic());
        values.put("$partition", record.partition());
        values.put("$offset", record.offset());
        values.put("$timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        values.put("$key", RecordValues.keyText(record.key()));
        values.putAll(RecordValues.flatten(record.value()));
        return detokenizer.detokenize(context, values).values();
    }

    @Override
    public ErasureReport erase(OperationContext context, Identities subject, SubjectMap map, ErasurePlan plan) {
        String subjectId = subjectId(subject);
        String hash = vault.subjectHash(context.tenant().toString(), subjectId).hex();
        return withClients(
                "Erasing a subject",
                (admin, consumer) -> new KafkaErasure(config, clients, vault, locator, admin, consumer, context)
                        .erase(subjectId, hash, plan));
    }

    @Override
    public Verification verify(OperationContext context, Identities subject, SubjectMap map, ErasurePlan plan) {
        String hash = subjectHash(context, subject);
        return withClients(
                "Verifying an erasure",
                (admin, consumer) ->
                        new KafkaErasure(config, clients, vault, locator, admin, consumer, context).verify(hash, plan));
    }

    /**
     * A topic can only lose a prefix of each partition (or be compacted): the records of inactive subjects lie
     * between those of active ones, so an EVENT clock (the subject's last activity) cannot be enforced by
     * truncation without also keeping, or losing, everything after the first active subject's record.
     */
    static final String NO_EVENT_CLOCKS = "A topic can only lose a prefix of each partition: the records of"
            + " subjects inactive since the cutoff cannot be purged apart from those of active subjects (an EVENT"
            + " clock); use a FIELD clock on the record timestamp";

    @Override
    public void activeIdentities(OperationContext context, ActivityScan scan, BiConsumer<String, String> sink) {
        throw ConnectorException.fatal(NO_EVENT_CLOCKS, null);
    }

    @Override
    public PurgeResult purge(OperationContext context, Purge purge) {
        refuseEventClock(purge);
        return withClients(
                "Purging " + purge.dataset(),
                (admin, consumer) -> retention(admin, consumer, context).purge(purge));
    }

    @Override
    public PurgePreview preview(OperationContext context, Purge purge) {
        refuseEventClock(purge);
        return withClients(
                "Previewing a purge of " + purge.dataset(),
                (admin, consumer) -> retention(admin, consumer, context).preview(purge));
    }

    private static void refuseEventClock(Purge purge) {
        if (purge.active().any()) {
            throw ConnectorException.fatal(NO_EVENT_CLOCKS, null);
        }
    }

    private TopicRetention retention(Admin admin, KafkaConsumer<byte[], byte[]> consumer, OperationContext context) {
        return new TopicRetention(
                config, admin, consumer, locator, new Detokenizer(vault, Detokenizer.RETENTION), context);
    }

    private String subjectHash(OperationContext context, Identities subject) {
        return vault.subjectHash(context.tenant().toString(), subjectId(subject))
                .hex();
    }

    /** The subject id the locator is keyed by; without it this system cannot find the subject. */
    private String subjectId(Identities subject) {
        return subject.get(config.subjectIdentity())
                .orElseThrow(() -> ConnectorException.fatal(
                        "Kafka topics are found through the locator by " + config.subjectIdentity()
                                + ", which the request does not name",
                        null));
    }

    /** An admin client (advertised brokers checked) and a consumer for one operation; errors classified once. */
    private <T> T withClients(String what, ClientWork<T> work) {
        try (Admin admin = clients.checkedAdmin();
                KafkaConsumer<byte[], byte[]> consumer = clients.consumer(clients.bootstrap())) {
            return work.apply(admin, consumer);
        } catch (OperationStoppedException e) {
            throw e;
        } catch (OutboundRefusedException e) {
            throw ConnectorException.fatal(e.getMessage(), null);
        } catch (Exception e) {
            throw KafkaErrors.classify(what, e);
        }
    }

    @FunctionalInterface
    private interface ClientWork<T> {
        T apply(Admin admin, KafkaConsumer<byte[], byte[]> consumer) throws Exception;
    }

    @Override
    public void close() {
        // Nothing is held between operations.
    }
}
