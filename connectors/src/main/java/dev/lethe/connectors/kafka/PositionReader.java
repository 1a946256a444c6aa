package dev.lethe.connectors.kafka;

import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.ingest.LocatorEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads exactly the records the locator points to, with assign and seek (no consumer group, no
 * offsets committed), and finds the protected copies ingest published of them. Not thread-safe: one
 * per operation, like its consumer.
 */
final class PositionReader {

    /** How far past the first record of a copy's timestamp a copy is looked for. */
    static final int COPY_SCAN_LIMIT = 2_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final Map<String, List<PartitionInfo>> partitions = new LinkedHashMap<>();
    private final Set<String> claimedCopies = new HashSet<>();

    PositionReader(KafkaConsumer<byte[], byte[]> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /** A located record: still there ({@code record != null}) or gone (retention, compaction). */
    record Located(LocatorEntry entry, ConsumerRecord<byte[], byte[]> record) {}

    /** The records at the entries' positions, in the entries' order per partition. */
    List<Located> read(List<LocatorEntry> entries) {
        Map<TopicPartition, TreeMap<Long, LocatorEntry>> wanted = new LinkedHashMap<>();
        entries.forEach(entry -> wanted.computeIfAbsent(
                        new TopicPartition(entry.topic(), entry.partition()), tp -> new TreeMap<>())
                .put(entry.offset(), entry));
        List<Located> located = new ArrayList<>();
        wanted.forEach((partition, offsets) -> read(partition, offsets, located));
        return located;
    }

    private void read(TopicPartition partition, TreeMap<Long, LocatorEntry> offsets, List<Located> located) {
        consumer.assign(List.of(partition));
        long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        while (!offsets.isEmpty()) {
            long next = offsets.firstKey();
            if (next < begin || next >= end) {
                located.add(new Located(offsets.pollFirstEntry().getValue(), null));
                continue;
            }
            consumer.seek(partition, next);
            ConsumerRecords<byte[], byte[]> records = pollSome();
            if (records.isEmpty()) {
                // Only transaction markers or aborted records from here: what was asked for is not there.
                long position = consumer.position(partition);
                if (position <= next) {
                    throw ConnectorException.retriable(
                            "Reading " + partition + " failed: the broker returned nothing in time", null);
                }
                while (!offsets.isEmpty() && offsets.firstKey() < position) {
                    located.add(new Located(offsets.pollFirstEntry().getValue(), null));
                }
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                while (!offsets.isEmpty() && offsets.firstKey() < record.offset()) {
                    // Compacted away, or the offset of a transaction marker.
                    located.add(new Located(offsets.pollFirstEntry().getValue(), null));
                }
                if (!offsets.isEmpty() && offsets.firstKey() == record.offset()) {
                    located.add(new Located(offsets.pollFirstEntry().getValue(), record));
                }
                if (offsets.isEmpty()) {
                    break;
                }
            }
        }
    }

    /**
     * The copy ingest published to {@code target} of the located source record: the same (protected)
     * key and timestamp, in the partition the key hashes to (any partition for a record without key).
     * Each copy is matched once, so two records with the same key and timestamp find two copies.
     */
    ConsumerRecord<byte[], byte[]> copy(LocatorEntry entry, String target) {
        long timestamp = Instant.parse(entry.recordTime()).toEpochMilli();
        List<PartitionInfo> infos = partitions.computeIfAbsent(target, topic -> consumer.partitionsFor(topic, timeout));
        if (infos == null || infos.isEmpty()) {
            throw ConnectorException.fatal("The topic " + target + " does not exist", null);
        }
        List<Integer> candidates = new ArrayList<>();
        if (entry.recordKey() != null) {
            byte[] key = entry.recordKey().getBytes(StandardCharsets.UTF_8);
            candidates.add(Utils.toPositive(Utils.murmur2(key)) % infos.size());
        }
        infos.stream()
                .map(PartitionInfo::partition)
                .filter(p -> !candidates.contains(p))
                .forEach(candidates::add);
        for (int partition : candidates) {
            ConsumerRecord<byte[], byte[]> found = copyIn(new TopicPartition(target, partition), entry, timestamp);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private ConsumerRecord<byte[], byte[]> copyIn(TopicPartition partition, LocatorEntry entry, long timestamp) {
        OffsetAndTimestamp start =
                consumer.offsetsForTimes(Map.of(partition, timestamp), timeout).get(partition);
        if (start == null) {
            return null;
        }
        consumer.assign(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        consumer.seek(partition, start.offset());
        int scanned = 0;
        while (scanned < COPY_SCAN_LIMIT && consumer.position(partition) < end) {
            ConsumerRecords<byte[], byte[]> records = pollSome();
            if (records.isEmpty()) {
                return null;
            }
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                scanned++;
                if (record.timestamp() == timestamp
                        && java.util.Objects.equals(RecordValues.keyText(record.key()), entry.recordKey())
                        && claimedCopies.add(partition + "@" + record.offset())) {
                    return record;
                }
            }
        }
        return null;
    }

    private ConsumerRecords<byte[], byte[]> pollSome() {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConsumerRecords<byte[], byte[]> records;
        do {
            records = consumer.poll(Duration.ofMillis(200));
        } while (records.isEmpty() && System.nanoTime() < deadline && !atEnd());
        return records;
    }

    private boolean atEnd() {
        for (TopicPartition partition : consumer.assignment()) {
            if (consumer.position(partition)
                    < consumer.endOffsets(List.of(partition)).get(partition)) {
                return false;
            }
        }
        return true;
    }
}
