package dev.lethe.ingest;

import java.util.Set;

/**
 * Where one record of a data subject is: what data requests use to find "everything about
 * cust-42" without scanning every system. The subject is only its keyed hash; the position is the
 * source record's (the raw copy, which holds the personal data until the topic's retention removes
 * it; the clean copy on the target topic holds only tokens).
 *
 * @param recordKey the protected record key as text (Base64 when it is not UTF-8), or null
 * @param recordTime the source record's timestamp, ISO-8601
 * @param seenAt when ingest processed it, ISO-8601
 */
public record LocatorEntry(
        String subjectHash,
        String system,
        String dataset,
        String topic,
        int partition,
        long offset,
        String recordKey,
        Set<String> categories,
        String recordTime,
        String seenAt) {

    /** Stable per record, so a replayed batch overwrites instead of duplicating. */
    public String id() {
        return topic + "-" + partition + "-" + offset;
    }
}
