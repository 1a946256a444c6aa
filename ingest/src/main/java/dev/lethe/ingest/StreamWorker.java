package dev.lethe.ingest;

import dev.lethe.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes a stream's source topic and, per polled batch, in one Kafka transaction: publishes each
 * record protected to the target topic (or unprotectable ones to the dead-letter topic with the
 * reason), writes the batch's locator entries, and commits the consumed offsets. If anything fails
 * before the commit, the transaction is aborted and the batch is read again: nothing is lost, and
 * {@code read_committed} consumers of the target see nothing twice.
 */
public final class StreamWorker implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamWorker.class);

    private final StreamDefinition stream;
    private final RecordProtector protector;
    private final Vault vault;
    private final SubjectLocator locator;
    private final StreamCounters counters;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicBoolean running = new AtomicBoolean(true);

    public StreamWorker(
            StreamDefinition stream,
            String bootstrapServers,
            RecordProtector protector,
            Vault vault,
            SubjectLocator locator,
            StreamCounters counters) {
        this.stream = stream;
        this.protector = protector;
        this.vault = vault;
        this.locator = locator;
        this.counters = counters;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        stream.consumerGroup(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        500),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        stream.consumerGroup() + "-" + UUID.randomUUID(),
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(Set.of(stream.sourceTopic()));
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    processInTransaction(records);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (ProducerFencedException e) {
            log.warn("Stream {}: another worker took over this producer; stopping", stream.name());
        } finally {
            consumer.close();
            producer.close(Duration.ofSeconds(10));
        }
    }

    private void processInTransaction(ConsumerRecords<byte[], byte[]> records) {
        producer.beginTransaction();
        try {
            List<LocatorEntry> located = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                process(record, located);
            }
            locator.write(stream.tenant(), located);
            producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
            producer.commitTransaction();
            counters.committed(records.count());
        } catch (ProducerFencedException e) {
            throw e;
        } catch (RuntimeException e) {
            // Nothing of the batch is visible; read it again from the last committed offsets.
            log.warn(
                    "Stream {}: batch aborted ({}); it will be read again",
                    stream.name(),
                    e.getClass().getSimpleName());
            producer.abortTransaction();
            counters.aborted();
            rewind(records);
            pause();
        }
    }

    private void process(ConsumerRecord<byte[], byte[]> record, List<LocatorEntry> located) {
        counters.in();
        ProtectedRecord clean;
        try {
            clean = protector.protect(stream.tenant(), stream.subjectPath(), stream.policy(), record.value());
        } catch (UnprocessableRecordException e) {
            producer.send(deadLetter(record, e.getMessage()));
            counters.deadLettered();
            return;
        }
        var out = new ProducerRecord<>(stream.targetTopic(), null, record.key(), clean.json(), record.headers());
        producer.send(out);
        counters.out();
        if (clean.subject() != null) {
            located.add(new LocatorEntry(
                    vault.subjectHash(stream.tenant(), clean.subject()).hex(),
                    stream.system(),
                    stream.dataset(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    clean.categories(),
                    Instant.now().toString()));
        }
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        var dead = new ProducerRecord<>(stream.deadLetterTopic(), null, record.key(), record.value(), record.headers());
        Headers headers = dead.headers();
        headers.add("lethe.dlq.reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("lethe.dlq.stream", stream.name().getBytes(StandardCharsets.UTF_8));
        headers.add("lethe.dlq.partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("lethe.dlq.offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return dead;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.getLast().offset() + 1));
        }
        return offsets;
    }

    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).getFirst().offset());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the current batch; safe from any thread. */
    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
