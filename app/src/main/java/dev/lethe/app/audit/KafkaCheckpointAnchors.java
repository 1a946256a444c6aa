package dev.lethe.app.audit;

import dev.lethe.catalog.audit.CheckpointAnchor;
import dev.lethe.catalog.audit.CheckpointAnchors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Checkpoint anchors on an append-only Kafka topic ({@value #DEFAULT_TOPIC} by default): unlimited
 * retention, deletion by retention only (never compaction), created with those settings if missing.
 * One record per signed checkpoint, keyed by tenant; the value is JSON with the tenant, sequence
 * number, head hash, signing time, key id, signature (Base64) and the SHA-256 of the public key
 * ({@link AnchorRecords}).
 * Reading goes through the whole topic from its start. Thread-safe.
 */
public final class KafkaCheckpointAnchors implements CheckpointAnchors, AutoCloseable {

    public static final String DEFAULT_TOPIC = "lethe.audit.anchors";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_PATIENCE = Duration.ofSeconds(60);

    private final Map<String, Object> clientConfig;
    private final String topic;
    private Producer<String, String> producer;
    private boolean topicReady;

    /** @param clientConfig Kafka client settings (bootstrap servers, security); nothing audit-specific */
    public KafkaCheckpointAnchors(Map<String, ?> clientConfig, String topic) {
        this.clientConfig = new HashMap<>(clientConfig);
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    @Override
    public synchronized void publish(List<CheckpointAnchor> anchors) {
        try {
            ensureTopic();
            List<Future<RecordMetadata>> sent = new ArrayList<>(anchors.size());
            for (CheckpointAnchor anchor : anchors) {
                sent.add(producer()
                        .send(new ProducerRecord<>(topic, anchor.tenantId().toString(), AnchorRecords.encode(anchor))));
            }
            for (Future<RecordMetadata> send : sent) {
                send.get(TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new AnchorsUnavailableException(
                    "Kafka did not take the audit checkpoint anchors (topic " + topic + "): " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnchorsUnavailableException("Interrupted while anchoring audit checkpoints", e);
        }
    }

    /**
     * Creates the topic (unlimited retention) if it is missing.
     *
     * @throws AnchorsUnavailableException when Kafka does not answer
     */
    @Override
    public synchronized void prepare() {
        try {
            ensureTopic();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new AnchorsUnavailableException(
                    "Kafka could not prepare the anchor topic " + topic + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnchorsUnavailableException("Interrupted while preparing the anchor topic", e);
        }
    }

    @Override
    public List<CheckpointAnchor> read(UUID tenantId) {
        return readAll().getOrDefault(tenantId, List.of());
    }

    /** Reads the topic once, for checking many tenants against one read. */
    public CheckpointAnchors snapshot() {
        return CheckpointAnchors.snapshot(readAll());
    }

    /** Every anchor on the topic, by tenant, in topic order; records that aren't anchors are skipped. */
    Map<UUID, List<CheckpointAnchor>> readAll() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Reading must never create the topic (with the broker's default retention).
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "lethe-audit-anchors-reader");
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                throw new AnchorsUnavailableException("the anchor topic " + topic + " does not exist");
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, TIMEOUT);
            Map<UUID, List<CheckpointAnchor>> byTenant = new HashMap<>();
            long deadline = System.nanoTime() + READ_PATIENCE.toNanos();
            while (assigned.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new AnchorsUnavailableException(
                            "the anchor topic " + topic + " could not be read to its end in " + READ_PATIENCE);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    AnchorRecords.decode(record.value())
                            .ifPresent(anchor -> byTenant.computeIfAbsent(anchor.tenantId(), id -> new ArrayList<>())
                                    .add(anchor));
                }
            }
            return byTenant;
        } catch (KafkaException e) {
            throw new AnchorsUnavailableException("Kafka could not be read (topic " + topic + "): " + describe(e), e);
        }
    }

    /**
     * Creates the topic with unlimited retention when it is missing. An existing topic is used as it
     * is: its retention is the operator's to keep unlimited (docs/security.md).
     */
    private void ensureTopic() throws ExecutionException, TimeoutException, InterruptedException {
        if (topicReady) {
            return;
        }
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            if (!admin.listTopics()
                    .names()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .contains(topic)) {
                var anchors = new NewTopic(topic, Optional.of(1), Optional.empty())
                        .configs(Map.of(
                                TopicConfig.RETENTION_MS_CONFIG, "-1",
                                TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
                try {
                    admin.createTopics(List.of(anchors)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        topicReady = true;
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() * 2);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "lethe-audit-anchors");
            producer = new KafkaProducer<>(config);
        }
        return producer;
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName();
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
