package dev.lethe.ingest;

/**
 * Turns one source record into what the target topic receives. {@link RecordProtector} protects
 * personal data; {@link #PASSTHROUGH} copies, as the baseline of the same exactly-once pipeline.
 */
@FunctionalInterface
public interface RecordProcessor {

    RecordProcessor PASSTHROUGH = (stream, key, value) -> ProtectedRecord.unchanged(key, value);

    /** @throws UnprocessableRecordException when the record must go to the dead-letter topic */
    ProtectedRecord process(StreamDefinition stream, byte[] key, byte[] value);
}
