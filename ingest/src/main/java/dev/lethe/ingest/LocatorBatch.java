package dev.lethe.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A batch's located records, grouped into one {@link LocatorDocument} per subject, topic and
 * partition: Elasticsearch indexes (and the client serialises) one document per subject and batch
 * instead of one per record. Not thread-safe: one per batch.
 */
public final class LocatorBatch {

    private record Group(String subjectHash, String system, String dataset, String topic, int partition) {}

    private final Map<Group, List<LocatorDocument.Located>> records = new LinkedHashMap<>();
    private final Map<Group, Set<String>> categories = new LinkedHashMap<>();
    private final String seenAt;
    private int size;

    /** @param seenAt when ingest processed the batch, ISO-8601 */
    public LocatorBatch(String seenAt) {
        this.seenAt = seenAt;
    }

    /**
     * @param key the record key as text (Base64 when it is not UTF-8), or null
     * @param time the record's timestamp, epoch milliseconds
     */
    public void add(
            String subjectHash,
            String system,
            String dataset,
            String topic,
            int partition,
            long offset,
            String key,
            Set<String> found,
            long time) {
        var group = new Group(subjectHash, system, dataset, topic, partition);
        records.computeIfAbsent(group, g -> new ArrayList<>(4)).add(new LocatorDocument.Located(offset, key, time));
        categories.computeIfAbsent(group, g -> new TreeSet<>()).addAll(found);
        size++;
    }

    /** Per-record entries (as older callers and tests hold them), grouped the same way. */
    public static LocatorBatch of(List<LocatorEntry> entries) {
        var batch = new LocatorBatch(
                entries.isEmpty()
                        ? Instant.now().toString()
                        : entries.getFirst().seenAt());
        for (LocatorEntry entry : entries) {
            batch.add(
                    entry.subjectHash(),
                    entry.system(),
                    entry.dataset(),
                    entry.topic(),
                    entry.partition(),
                    entry.offset(),
                    entry.recordKey(),
                    entry.categories(),
                    Instant.parse(entry.recordTime()).toEpochMilli());
        }
        return batch;
    }

    /** How many records were added. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** One document per subject, topic and partition, its records in offset order. */
    public List<LocatorDocument> documents() {
        List<LocatorDocument> documents = new ArrayList<>(records.size());
        records.forEach((group, located) -> {
            located.sort(Comparator.comparingLong(LocatorDocument.Located::offset));
            documents.add(LocatorDocument.of(
                    group.subjectHash(),
                    group.system(),
                    group.dataset(),
                    group.topic(),
                    group.partition(),
                    located,
                    Collections.unmodifiableSet(categories.get(group)),
                    seenAt));
        });
        return documents;
    }
}
