package dev.lethe.ingest;

import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A locator document as the JSON the Elasticsearch client's mapper would write (fields without a value
 * left out), written straight to bytes: the workers serialise a document per subject of every batch,
 * and the client's generic path (a JSON-P generator over an object mapper, per document) cost more
 * than the bytes themselves. Thread-safe.
 */
final class LocatorJson {

    private static final JsonFactory JSON = new JsonFactory();

    private LocatorJson() {}

    static BinaryData of(LocatorDocument document) {
        var out = new ByteArrayOutputStream(
                256 + (document.records() == null ? 0 : 48 * document.records().size()));
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("subjectHash", document.subjectHash());
            optional(json, "system", document.system());
            optional(json, "dataset", document.dataset());
            json.writeStringProperty("topic", document.topic());
            json.writeNumberProperty("partition", document.partition());
            json.writeNumberProperty("offset", document.offset());
            optional(json, "recordKey", document.recordKey());
            optional(json, "recordTime", document.recordTime());
            optional(json, "lastRecordTime", document.lastRecordTime());
            if (document.count() != null) {
                json.writeNumberProperty("count", document.count().intValue());
            }
            if (document.records() != null) {
                json.writeName("records");
                json.writeStartArray();
                for (LocatorDocument.Located record : document.records()) {
                    json.writeStartObject();
                    json.writeNumberProperty("offset", record.offset());
                    optional(json, "key", record.key());
                    json.writeNumberProperty("time", record.time());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            if (document.categories() != null) {
                json.writeName("categories");
                json.writeStartArray();
                for (String category : document.categories()) {
                    json.writeString(category);
                }
                json.writeEndArray();
            }
            optional(json, "seenAt", document.seenAt());
            json.writeEndObject();
        }
        return BinaryData.of(out.toByteArray(), ContentType.APPLICATION_JSON);
    }

    private static void optional(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.writeStringProperty(name, value);
        }
    }
}
