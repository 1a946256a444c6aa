package dev.lethe.ingest;

import java.util.Set;

/**
 * Where one record of a data subject landed: what data requests use to find "everything about
 * cust-42" without scanning every system. The subject is only its keyed hash; {@code seenAt} is an
 * ISO-8601 instant.
 */
public record LocatorEntry(
        String subjectHash,
        String system,
        String dataset,
        String topic,
        int partition,
        long offset,
        Set<String> categories,
        String seenAt) {

    /** Stable per record, so a replayed batch overwrites instead of duplicating. */
    public String id() {
        return topic + "-" + partition + "-" + offset;
    }
}
