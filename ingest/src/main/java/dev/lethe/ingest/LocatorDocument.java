package dev.lethe.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One document of the locator index: where one subject's records of one batch are in one partition.
 * Two shapes share the same fields, so readers need no version: a document of one record (and every
 * document written before aggregation) holds that record in {@code offset}, {@code recordKey} and
 * {@code recordTime}; a document of several records lists them in {@code records} and holds the first
 * offset, the earliest and latest record time and the count at its top, which is what searches,
 * sorts and aggregations use. {@link #entries()} reads either shape as one entry per record.
 *
 * <p>The id is {@code topic-partition-<first offset>}, the id a per-record document of that record
 * had: a replayed batch starts at the same committed offset, so its subject's first offset, and the
 * document's id, are the same, and the replay overwrites instead of duplicating. An offset belongs to
 * one record, so to one subject: ids of different subjects cannot collide.
 *
 * @param offset the first (or only) record's offset
 * @param recordKey the only record's key as text (Base64 when it is not UTF-8); null with {@code records}
 * @param recordTime the only record's timestamp, or the earliest one, ISO-8601
 * @param lastRecordTime the latest record's timestamp, ISO-8601; null for a document of one record
 * @param count how many records; null for a document of one record
 * @param records the records, in offset order; null for a document of one record
 * @param categories the categories found in any of the records
 * @param seenAt when ingest processed the batch, ISO-8601
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LocatorDocument(
        String subjectHash,
        String system,
        String dataset,
        String topic,
        int partition,
        long offset,
        String recordKey,
        String recordTime,
        String lastRecordTime,
        Integer count,
        List<Located> records,
        Set<String> categories,
        String seenAt) {

    /**
     * One record of a document of several.
     *
     * @param key the record key as text (Base64 when it is not UTF-8), or null
     * @param time the record's timestamp, epoch milliseconds
     */
    public record Located(long offset, String key, long time) {}

    public static String id(String topic, int partition, long firstOffset) {
        return topic + "-" + partition + "-" + firstOffset;
    }

    /** The id this document is written under (a trimmed document keeps the id it was found under). */
    public String id() {
        return id(topic, partition, offset);
    }

    /** The last record's offset: the document's version, so that a shorter replay cannot shrink it. */
    public long lastOffset() {
        return records == null ? offset : records.getLast().offset();
    }

    /** How many records the document locates. */
    public int size() {
        return records == null ? 1 : records.size();
    }

    /** One entry per record, in offset order. */
    public List<LocatorEntry> entries() {
        if (records == null) {
            return List.of(new LocatorEntry(
                    subjectHash, system, dataset, topic, partition, offset, recordKey, categories, recordTime, seenAt));
        }
        List<LocatorEntry> entries = new ArrayList<>(records.size());
        for (Located record : records) {
            entries.add(new LocatorEntry(
                    subjectHash,
                    system,
                    dataset,
                    topic,
                    partition,
                    record.offset(),
                    record.key(),
                    categories,
                    Instant.ofEpochMilli(record.time()).toString(),
                    seenAt));
        }
        return entries;
    }

    /**
     * The document with only the given records (in offset order), or null when none is left: what is
     * written back when some of its records are gone (retention, erasure).
     */
    public LocatorDocument keeping(List<Located> kept) {
        if (kept.isEmpty()) {
            return null;
        }
        return of(subjectHash, system, dataset, topic, partition, kept, categories, seenAt);
    }

    /** Its records as {@link Located}, whichever the shape. */
    public List<Located> located() {
        return records != null
                ? records
                : List.of(
                        new Located(offset, recordKey, Instant.parse(recordTime).toEpochMilli()));
    }

    /** A document of these records (at least one, in offset order): of one record, the per-record shape. */
    static LocatorDocument of(
            String subjectHash,
            String system,
            String dataset,
            String topic,
            int partition,
            List<Located> records,
            Set<String> categories,
            String seenAt) {
        Located first = records.getFirst();
        if (records.size() == 1) {
            return new LocatorDocument(
                    subjectHash,
                    system,
                    dataset,
                    topic,
                    partition,
                    first.offset(),
                    first.key(),
                    Instant.ofEpochMilli(first.time()).toString(),
                    null,
                    null,
                    null,
                    categories,
                    seenAt);
        }
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (Located record : records) {
            earliest = Math.min(earliest, record.time());
            latest = Math.max(latest, record.time());
        }
        return new LocatorDocument(
                subjectHash,
                system,
                dataset,
                topic,
                partition,
                first.offset(),
                null,
                Instant.ofEpochMilli(earliest).toString(),
                Instant.ofEpochMilli(latest).toString(),
                records.size(),
                List.copyOf(records),
                categories,
                seenAt);
    }
}
