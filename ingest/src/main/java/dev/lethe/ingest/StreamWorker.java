package dev.lethe.ingest;

import dev.lethe.vault.TokenKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of a stream's group. Per polled batch, in one Kafka transaction: publishes each record
 * protected to the target topic (or, when it can't be, to the dead-letter topic with the reason),
 * writes the batch's locator documents (one per subject and partition) and waits for Elasticsearch
 * to acknowledge them, and commits the consumed offsets. If anything fails before the commit, the
 * transaction is aborted and the batch is read again after a growing pause: nothing is lost, and
 * {@code read_committed} readers of the target see nothing twice. An error that leaves the producer unusable stops the worker; the
 * runtime starts a fresh one, whose producer (same transactional id) fences this one.
 */
public final class StreamWorker implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamWorker.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final StreamDefinition stream;
    private final int index;
    private final RecordProcessor processor;
    private final SubjectLocator locator;
    private final DatasetFields fields;
    private final ObjectedPurposes objections;
    private final StreamMetrics metrics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile WorkerState state = WorkerState.STARTING;
    private volatile String failure;
    private int failuresInARow;

    /**
     * @param index this worker's number among the stream's workers in this process (0, 1, ...): part
     *     of its transactional id
     */
    public StreamWorker(
            StreamDefinition stream,
            int index,
            IngestSettings settings,
            RecordProcessor processor,
            SubjectLocator locator,
            DatasetFields fields,
            StreamMetrics metrics) {
        this(stream, index, settings, processor, locator, fields, ObjectedPurposes.NONE, metrics);
    }

    /** @param objections what subjects objected to: their protected records carry it ({@link ObjectedPurposes#HEADER}) */
    public StreamWorker(
            StreamDefinition stream,
            int index,
            IngestSettings settings,
            RecordProcessor processor,
            SubjectLocator locator,
            DatasetFields fields,
            ObjectedPurposes objections,
            StreamMetrics metrics) {
        this.objections = objections;
        this.stream = stream;
        this.index = index;
        this.processor = processor;
        this.locator = locator;
        this.fields = fields;
        this.metrics = metrics;
        this.consumer = new KafkaConsumer<>(
                withClientProperties(
                        settings,
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG, stream.consumerGroup(),
                                ConsumerConfig.CLIENT_ID_CONFIG, transactionalId(stream, settings, index),
                                // Static membership: a restarted process takes its predecessor's partitions back at
                                // once, instead of the group waiting a session timeout for the dead member.
                                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, transactionalId(stream, settings, index),
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords(),
                                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, settings.fetchMinBytes(),
                                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                                        (int) settings.fetchMaxWait().toMillis())),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(
                withClientProperties(
                        settings,
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                settings.bootstrapServers(),
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                transactionalId(stream, settings, index),
                                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                                (int) settings.transactionTimeout().toMillis(),
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                // The commit flushes whatever waits, so lingering adds no latency to what
                                // readers see: a partition's records go in a few large batches per
                                // transaction (fewer requests for the broker, better compression) instead
                                // of a 16 KB batch every few milliseconds, still sent while the batch is
                                // being processed rather than all at the commit.
                                ProducerConfig.LINGER_MS_CONFIG,
                                20,
                                ProducerConfig.BATCH_SIZE_CONFIG,
                                262_144,
                                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                                "lz4")),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** The connection's security settings first, the worker's own settings over them. */
    private static Map<String, Object> withClientProperties(IngestSettings settings, Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.putAll(own);
        return config;
    }

    static String transactionalId(StreamDefinition stream, IngestSettings settings, int index) {
        return stream.consumerGroup() + "-" + settings.instanceId() + "-" + index;
    }

    public WorkerState state() {
        return state;
    }

    /** Why the last batch failed, while {@link #state()} is FAILING or after an unrecoverable stop; never a value from a record. */
    public String failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(Set.of(stream.sourceTopic()));
            state = WorkerState.RUNNING;
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    processInTransaction(records);
                }
                metrics.lag(index, lag());
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (ProducerFencedException | InvalidProducerEpochException | FencedInstanceIdException e) {
            failure = "another worker with this transactional id took over (is the instance id unique?)";
            log.warn("Stream {} worker {}: {}; stopping", stream.name(), index, failure);
        } catch (RuntimeException e) {
            failure = describe(e);
            log.error("Stream {} worker {} stopped: {}", stream.name(), index, failure, e);
        } finally {
            state = WorkerState.STOPPED;
            metrics.workerStopped(index);
            // A static member stays in the group when it closes unless told otherwise: leave, so that a
            // stopped worker's partitions move to the others now (a crashed one's wait for its restart).
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(5)));
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void processInTransaction(ConsumerRecords<byte[], byte[]> records) {
        producer.beginTransaction();
        var batch = new Batch(records.count());
        try {
            long started = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                process(record, batch);
            }
            long processed = System.nanoTime();
            locator.write(stream.tenant(), batch.located);
            long located = System.nanoTime();
            producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
            producer.commitTransaction();
            metrics.phase(StreamMetrics.BatchPhase.PROCESS, processed - started);
            metrics.phase(StreamMetrics.BatchPhase.LOCATOR, located - processed);
            metrics.phase(StreamMetrics.BatchPhase.COMMIT, System.nanoTime() - located);
        } catch (ProducerFencedException
                | InvalidProducerEpochException
                | FencedInstanceIdException
                | WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            retryLater(records, e);
            return;
        }
        metrics.committed(
                records.count(),
                batch.out,
                batch.deadLettered,
                batch.withoutSubject,
                batch.tokenizations,
                batch.timestamps);
        fields.sighted(stream, batch.sightings);
        state = WorkerState.RUNNING;
        failure = null;
        failuresInARow = 0;
    }

    /** Nothing of the batch is visible; it is read again from where it started. */
    private void retryLater(ConsumerRecords<byte[], byte[]> records, RuntimeException cause) {
        failure = describe(cause);
        state = WorkerState.FAILING;
        failuresInARow++;
        log.warn("Stream {} worker {}: batch aborted ({}); it will be read again", stream.name(), index, failure);
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            throw new IllegalStateException("the transaction could not be aborted", e);
        }
        metrics.aborted();
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition partition : records.partitions()) {
            if (assigned.contains(partition)) {
                consumer.seek(partition, records.records(partition).getFirst().offset());
            }
        }
        sleep(backoff(failuresInARow));
    }

    static Duration backoff(int failuresInARow) {
        long millis = 500L << Math.min(failuresInARow - 1, 10);
        return millis > MAX_BACKOFF.toMillis() ? MAX_BACKOFF : Duration.ofMillis(millis);
    }

    /** A reason for status pages and logs: the kind of failure, never a message that could quote a value. */
    private static String describe(Throwable e) {
        if (e instanceof SubjectLocator.LocatorUnavailableException) {
            return "the subject locator (Elasticsearch) did not acknowledge a batch";
        }
        if (e instanceof java.io.UncheckedIOException) {
            return "the subject locator (Elasticsearch) is unreachable";
        }
        if (e instanceof KafkaException) {
            return "Kafka: " + e.getClass().getSimpleName();
        }
        return e.getClass().getSimpleName();
    }

    /** What a batch produced, counted only once it commits. */
    private static final class Batch {
        /** One locator document per subject and partition, however many of its records the batch holds. */
        final LocatorBatch located = new LocatorBatch(Instant.now().toString());

        final List<FieldSighting> sightings = new ArrayList<>();
        final Map<TokenKind, Integer> tokenizations = new EnumMap<>(TokenKind.class);
        final long[] timestamps;

        int out;
        int deadLettered;
        int withoutSubject;

        Batch(int size) {
            timestamps = new long[size];
        }
    }

    private void process(ConsumerRecord<byte[], byte[]> record, Batch batch) {
        batch.timestamps[batch.out + batch.deadLettered] = record.timestamp();
        ProtectedRecord clean;
        try {
            clean = processor.process(stream, record.key(), record.value());
        } catch (UnprocessableRecordException e) {
            producer.send(deadLetter(record, e.getMessage()));
            batch.deadLettered++;
            return;
        }
        producer.send(new ProducerRecord<>(
                stream.targetTopic(), null, record.timestamp(), clean.key(), clean.value(), headers(record, clean)));
        batch.out++;
        clean.tokenizations().forEach((kind, count) -> batch.tokenizations.merge(kind, count, Integer::sum));
        batch.sightings.addAll(clean.sightings());
        if (clean.subjectHash() == null) {
            batch.withoutSubject++;
        } else {
            batch.located.add(
                    clean.subjectHash(),
                    stream.system(),
                    stream.dataset(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    keyText(clean.key()),
                    clean.categories(),
                    record.timestamp());
        }
    }

    /**
     * The record's headers, and the purposes its subject objected to (Art. 21) or that it is restricted
     * (Art. 18). Only Lethe sets those headers: one a producer sent along is dropped, so a consumer can
     * trust them (and their absence).
     */
    private Headers headers(ConsumerRecord<byte[], byte[]> record, ProtectedRecord clean) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.remove(ObjectedPurposes.HEADER);
        headers.remove(ObjectedPurposes.RESTRICTED_HEADER);
        if (clean.subjectHash() != null) {
            if (objections.restricted(stream.tenant(), clean.subjectHash())) {
                headers.add(ObjectedPurposes.RESTRICTED_HEADER, "true".getBytes(StandardCharsets.UTF_8));
            }
            Set<String> objected = objections.of(stream.tenant(), clean.subjectHash());
            if (!objected.isEmpty()) {
                headers.add(
                        ObjectedPurposes.HEADER,
                        String.join(",", new TreeSet<>(objected)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    private static String keyText(byte[] key) {
        if (key == null) {
            return null;
        }
        String text = JsonCodec.utf8OrNull(key);
        return text != null ? text : Base64.getEncoder().encodeToString(key);
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        var dead = new ProducerRecord<>(
                stream.deadLetterTopic(), null, record.timestamp(), record.key(), record.value(), record.headers());
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
            offsets.put(
                    partition,
                    new OffsetAndMetadata(records.records(partition).getLast().offset() + 1));
        }
        return offsets;
    }

    private long lag() {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        return lag;
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /** Stops after the current batch; safe from any thread. */
    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
