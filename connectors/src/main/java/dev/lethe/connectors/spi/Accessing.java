package dev.lethe.connectors.spi;

import java.util.Map;

/** A connector that can read a subject's records for an access or export package. */
public interface Accessing {

    /**
     * Streams every record of the subject to {@code sink}, dataset by dataset, without holding the
     * result in memory. Values are strings, numbers, booleans or {@code null}; times in ISO-8601.
     */
    void access(OperationContext context, Identities subject, SubjectMap map, RecordSink sink);

    /** Receives records one at a time; it must not keep them beyond what its package needs. */
    @FunctionalInterface
    interface RecordSink {
        void accept(String dataset, Map<String, Object> record);
    }
}
