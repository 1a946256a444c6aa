package dev.lethe.connectors.kafka;

import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.HeldSubjects;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Pacing;
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgePreview;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.PolicyViolationException;

/**
 * A retention purge of a topic. A topic can only lose a prefix: per partition, the records before
 * the first offset whose timestamp is at or after the cutoff ({@code offsetsForTimes}) are deleted
 * with {@code deleteRecords}, which moves the partition's start. With subject holds the expired
 * prefix is read first (identity fields detokenized through the vault, as access reads them) and
 * the truncation stops at the partition's first held record: the expired records from there on are
 * kept and counted as held. Then the locator entries of the deleted records are removed, so no
 * request looks for them again. Counts are offsets. Idempotent: a second purge finds the start at
 * the cut and deletes nothing (it still removes locator entries a failed run may have left).
 */
final class TopicRetention {

    /** The clock of a topic: the record timestamp, and nothing else. */
    static final String CLOCK = "timestamp";

    /** How far back from the cut the newest expired timestamp is looked for. */
    private static final int NEWEST_WINDOW = 500;

    private final KafkaConnectorConfig config;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final LocatorEntries locator;
    private final Detokenizer detokenizer;
    private final OperationContext context;
    private final Duration timeout;

    TopicRetention(
            KafkaConnectorConfig config,
            Admin admin,
            KafkaConsumer<byte[], byte[]> consumer,
            LocatorEntries locator,
            Detokenizer detokenizer,
            OperationContext context) {
        this.config = config;
        this.admin = admin;
        this.consumer = consumer;
        this.locator = locator;
        this.detokenizer = detokenizer;
        this.context = context;
        this.timeout = config.requestTimeout();
    }

    /**
     * Where one partition is cut: its start, the cut, and the end of its expired prefix.
     *
     * @param oldest the timestamp of the first record that goes, null when none
     * @param newest the latest timestamp among the last records that go, null when none
     */
    private record Cut(
            TopicPartition partition, long start, long cut, long expiredEnd, Instant oldest, Instant newest) {

        long records() {
            return cut - start;
        }

        long held() {
            return expiredEnd - cut;
        }
    }

    PurgeResult purge(Purge purge) throws Exception {
        Pacing pacing = new Pacing(purge.pace(), context);
        long records = 0;
        long held = 0;
        int batches = 0;
        List<Cut> cuts = cuts(purge, false);
        for (int i = 0; i < cuts.size(); i++) {
            Cut cut = cuts.get(i);
            context.checkpoint();
            if (cut.records() > 0) {
                truncate(cut);
                records += cut.records();
                batches++;
            }
            held += cut.held();
            // Also when nothing was deleted now: entries a failed run left behind go too.
            locator.deleteBefore(context, purge.dataset(), cut.partition().partition(), cut.cut());
            if (cut.records() > 0 && i < cuts.size() - 1) {
                pacing.afterBatch(cut.records());
            }
        }
        return new PurgeResult(records, batches, held);
    }

    private void truncate(Cut cut) throws Exception {
        try {
            admin.deleteRecords(Map.of(cut.partition(), RecordsToDelete.beforeOffset(cut.cut())))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PolicyViolationException) {
                // Retrying cannot help: a compact-only topic keeps each key's latest record by design.
                throw ConnectorException.fatal(
                        "The topic " + cut.partition().topic() + " refuses to delete records (cleanup.policy"
                                + " compact): it cannot be purged, only compacted",
                        null);
            }
            throw e;
        }
    }

    PurgePreview preview(Purge purge) throws Exception {
        long records = 0;
        long held = 0;
        Instant oldest = null;
        Instant newest = null;
        for (Cut cut : cuts(purge, true)) {
            records += cut.records();
            held += cut.held();
            oldest = earlier(oldest, cut.oldest());
            newest = later(newest, cut.newest());
        }
        return new PurgePreview(records, held, oldest, newest);
    }

    private List<Cut> cuts(Purge purge, boolean dated) throws Exception {
        check(purge);
        List<PartitionInfo> infos = consumer.partitionsFor(purge.dataset(), timeout);
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> at = new LinkedHashMap<>();
        partitions.forEach(partition -> at.put(partition, purge.cutoff().toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> firstKept = consumer.offsetsForTimes(at, timeout);
        List<Cut> cuts = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            context.checkpoint();
            long start = starts.get(partition);
            OffsetAndTimestamp kept = firstKept.get(partition);
            long expiredEnd = Math.max(start, kept == null ? ends.get(partition) : kept.offset());
            cuts.add(cut(purge.held(), partition, start, expiredEnd, dated));
        }
        return cuts;
    }

    /** The partition's cut: the end of its expired prefix, or its first held record before that. */
    private Cut cut(HeldSubjects held, TopicPartition partition, long start, long expiredEnd, boolean dated) {
        if (start >= expiredEnd) {
            return new Cut(partition, start, start, start, null, null);
        }
        long cut = expiredEnd;
        Instant oldest = null;
        Instant newest = null;
        if (held.any()) {
            Scan scan = new Scan();
            read(partition, start, expiredEnd, record -> {
                if (held(held, record)) {
                    scan.heldAt = record.offset();
                    return false;
                }
                scan.seen(record);
                return true;
            });
            cut = scan.heldAt >= 0 ? scan.heldAt : expiredEnd;
            oldest = scan.oldest;
            newest = scan.newest;
        } else if (dated) {
            Scan first = new Scan();
            read(partition, start, expiredEnd, record -> {
                first.seen(record);
                return false;
            });
            Scan last = new Scan();
            read(partition, Math.max(start, expiredEnd - NEWEST_WINDOW), expiredEnd, record -> {
                last.seen(record);
                return true;
            });
            oldest = first.oldest;
            newest = last.newest;
        }
        return new Cut(partition, start, cut, expiredEnd, cut > start ? oldest : null, cut > start ? newest : null);
    }

    /** Timestamps seen while reading, and where the first held record is. */
    private static final class Scan {
        long heldAt = -1;
        Instant oldest;
        Instant newest;

        void seen(ConsumerRecord<byte[], byte[]> record) {
            Instant time = Instant.ofEpochMilli(record.timestamp());
            oldest = earlier(oldest, time);
            newest = later(newest, time);
        }
    }

    @FunctionalInterface
    private interface RecordVisitor {
        /** @return whether to go on */
        boolean visit(ConsumerRecord<byte[], byte[]> record);
    }

    /** Reads the records of [from, to) in order until the visitor says stop; a checkpoint per poll. */
    private void read(TopicPartition partition, long from, long to, RecordVisitor visitor) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        try {
            while (consumer.position(partition) < to) {
                context.checkpoint();
                ConsumerRecords<byte[], byte[]> records = poll(partition);
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    if (record.offset() >= to || !visitor.visit(record)) {
                        return;
                    }
                }
            }
        } catch (OffsetOutOfRangeException e) {
            // The topic's own retention (or another purge) moved the start meanwhile: a new look will do.
            throw ConnectorException.retriable(
                    "Reading " + partition + " failed: its start moved while it was read", null);
        }
    }

    private ConsumerRecords<byte[], byte[]> poll(TopicPartition partition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long before = consumer.position(partition);
        while (true) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty() || consumer.position(partition) > before) {
                return records;
            }
            if (System.nanoTime() > deadline) {
                throw ConnectorException.retriable(
                        "Reading " + partition + " failed: the broker returned nothing in time", null);
            }
        }
    }

    /** Whether the record holds a held identity, in its key or at an identity field's path (tokens revealed). */
    private boolean held(HeldSubjects held, ConsumerRecord<byte[], byte[]> record) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("$key", RecordValues.keyText(record.key()));
        RecordValues.flatten(record.value()).forEach((path, value) -> {
            String field = path.replaceAll("\\[\\d+]", "");
            if (held.identityFields().containsKey(field) && value != null) {
                values.put(path, value);
            }
        });
        if (!held.identityFields().containsKey("$key")) {
            values.remove("$key");
        }
        if (values.isEmpty()) {
            return false;
        }
        for (var value : detokenizer.detokenize(context, values).values().entrySet()) {
            String type = held.identityFields().get(value.getKey().replaceAll("\\[\\d+]", ""));
            if (value.getValue() != null
                    && !String.valueOf(value.getValue()).isBlank()
                    && held.isHeld().test(type, String.valueOf(value.getValue()))) {
                return true;
            }
        }
        return false;
    }

    private void check(Purge purge) throws Exception {
        if (!TopicInfo.list(admin, config).containsKey(purge.dataset())) {
            throw ConnectorException.fatal(
                    "The topic " + purge.dataset() + " is not among the connection's topics", null);
        }
        if (!purge.clockField().equals(CLOCK)) {
            throw ConnectorException.fatal(
                    "The clock of a topic is the record timestamp, so a purge of " + purge.dataset()
                            + " needs the clock field " + CLOCK + ", not " + purge.clockField(),
                    null);
        }
        if (!purge.anonymize().isEmpty()) {
            throw ConnectorException.fatal("Records in a topic cannot be changed in place; purge deletes", null);
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
