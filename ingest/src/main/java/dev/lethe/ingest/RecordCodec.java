package dev.lethe.ingest;

import tools.jackson.databind.JsonNode;

/**
 * A record format: how values are read into a tree the protector walks, and written back. JSON is
 * the one built in; Avro with a schema registry would be another implementation (decode with the
 * writer's schema, encode with the same), nothing else changes.
 */
public interface RecordCodec {

    /** @throws UnprocessableRecordException naming what is wrong, never quoting the value */
    JsonNode decode(byte[] value);

    byte[] encode(JsonNode tree);
}
