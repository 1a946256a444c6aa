package dev.lethe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocatorBatchTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final long T0 = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

    /** The mapper the Elasticsearch client writes and reads documents with. */
    private final JsonpMapper mapper = new JacksonJsonpMapper();

    @Test
    void aSubjectsRecordsInOnePartitionOfABatchBecomeOneDocument() {
        var batch = new LocatorBatch("2026-06-01T00:00:00Z");
        batch.add(A, "shop", "orders", "t", 0, 2, "k-2", Set.of("contact.email"), T0 + 5_000);
        batch.add(B, "shop", "orders", "t", 0, 3, "k-3", Set.of("contact.email"), T0);
        batch.add(A, "shop", "orders", "t", 0, 5, "k-5", Set.of("financial.card"), T0 - 60_000);
        batch.add(A, "shop", "orders", "t", 1, 4, "k-4", Set.of("contact.phone"), T0);
        batch.add(A, "shop", "orders", "t", 0, 9, null, Set.of("contact.email"), T0 + 1_000);

        List<LocatorDocument> documents = batch.documents();

        assertThat(batch.size()).isEqualTo(5);
        assertThat(documents).extracting(LocatorDocument::id).containsExactly("t-0-2", "t-0-3", "t-1-4");
        LocatorDocument several = documents.getFirst();
        assertThat(several.subjectHash()).isEqualTo(A);
        assertThat(several.offset()).isEqualTo(2);
        assertThat(several.lastOffset()).isEqualTo(9);
        assertThat(several.count()).isEqualTo(3);
        assertThat(several.categories()).containsExactlyInAnyOrder("contact.email", "financial.card");
        assertThat(several.recordTime()).as("the earliest").isEqualTo("2026-03-01T09:59:00Z");
        assertThat(several.lastRecordTime()).as("the latest").isEqualTo("2026-03-01T10:00:05Z");
        assertThat(several.entries())
                .extracting(LocatorEntry::offset, LocatorEntry::recordKey, LocatorEntry::recordTime)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, "k-2", "2026-03-01T10:00:05Z"),
                        org.assertj.core.groups.Tuple.tuple(5L, "k-5", "2026-03-01T09:59:00Z"),
                        org.assertj.core.groups.Tuple.tuple(9L, null, "2026-03-01T10:00:01Z"));
        assertThat(several.entries()).allSatisfy(entry -> {
            assertThat(entry.subjectHash()).isEqualTo(A);
            assertThat(entry.partition()).isZero();
            assertThat(entry.seenAt()).isEqualTo("2026-06-01T00:00:00Z");
        });
    }

    @Test
    void aDocumentOfOneRecordHasThePerRecordShapeAndId() {
        var entry = new LocatorEntry(
                B,
                "shop",
                "orders",
                "t",
                0,
                3,
                "k-3",
                Set.of("contact.email"),
                "2026-03-01T10:00:00Z",
                "2026-06-01T00:00:00Z");

        LocatorDocument document = LocatorBatch.of(List.of(entry)).documents().getFirst();

        assertThat(document.id()).isEqualTo(entry.id());
        assertThat(document.records()).isNull();
        assertThat(document.count()).isNull();
        assertThat(document.lastRecordTime()).isNull();
        assertThat(document.entries()).containsExactly(entry);
        String json = json(document);
        assertThat(json)
                .contains("\"recordKey\":\"k-3\"", "\"offset\":3")
                .doesNotContain("records", "count", "lastRecordTime", "lastOffset", "entries", "size", "\"id\"");
    }

    @Test
    void severalRecordsAreWrittenAsAListOfPositionsKeysAndTimes() {
        var batch = new LocatorBatch("2026-06-01T00:00:00Z");
        batch.add(A, "shop", "orders", "t", 0, 7, "k-7", Set.of("contact.email"), T0);
        batch.add(A, "shop", "orders", "t", 0, 8, "k-8", Set.of("contact.email"), T0 + 1);

        String json = json(batch.documents().getFirst());

        assertThat(json)
                .contains(
                        "\"offset\":7",
                        "\"count\":2",
                        "\"records\":[{\"offset\":7,\"key\":\"k-7\",\"time\":" + T0
                                + "},{\"offset\":8,\"key\":\"k-8\",\"time\":" + (T0 + 1) + "}]")
                .doesNotContain("recordKey", "lastOffset", "entries", "\"id\"");
        assertThat(read(json).entries()).extracting(LocatorEntry::offset).containsExactly(7L, 8L);
    }

    @Test
    void aDocumentWrittenBeforeAggregationIsReadAsOneEntry() {
        String old = "{\"subjectHash\":\"" + A + "\",\"system\":\"shop\",\"dataset\":\"orders\",\"topic\":\"t\","
                + "\"partition\":1,\"offset\":42,\"recordKey\":\"o-42\",\"categories\":[\"contact.email\"],"
                + "\"recordTime\":\"2026-03-01T10:00:00Z\",\"seenAt\":\"2026-03-01T10:00:01Z\"}";

        LocatorDocument document = read(old);

        assertThat(document.size()).isEqualTo(1);
        assertThat(document.lastOffset()).isEqualTo(42);
        assertThat(document.entries())
                .containsExactly(new LocatorEntry(
                        A,
                        "shop",
                        "orders",
                        "t",
                        1,
                        42,
                        "o-42",
                        Set.of("contact.email"),
                        "2026-03-01T10:00:00Z",
                        "2026-03-01T10:00:01Z"));
    }

    @Test
    void aDocumentKeepingSomeOfItsRecordsKeepsTheirFirstOffsetAndTimes() {
        var batch = new LocatorBatch("2026-06-01T00:00:00Z");
        batch.add(A, "shop", "orders", "t", 0, 7, "k-7", Set.of("contact.email"), T0);
        batch.add(A, "shop", "orders", "t", 0, 8, "k-8", Set.of("contact.email"), T0 + 1_000);
        batch.add(A, "shop", "orders", "t", 0, 9, "k-9", Set.of("contact.email"), T0 + 2_000);
        LocatorDocument document = batch.documents().getFirst();

        LocatorDocument kept = document.keeping(document.located().subList(1, 3));
        LocatorDocument one = document.keeping(document.located().subList(2, 3));

        assertThat(kept.offset()).isEqualTo(8);
        assertThat(kept.count()).isEqualTo(2);
        assertThat(kept.recordTime()).isEqualTo("2026-03-01T10:00:01Z");
        assertThat(one.records()).isNull();
        assertThat(one.recordKey()).isEqualTo("k-9");
        assertThat(document.keeping(List.of())).isNull();
    }

    @Test
    void theBytesWrittenToElasticsearchAreWhatTheClientsMapperWritesAndReadsBack() throws Exception {
        var batch = new LocatorBatch("2026-06-01T00:00:00Z");
        batch.add(A, "shop", "orders", "t", 0, 7, "k-\"7\"\u00e9", Set.of("contact.email", "identity.name"), T0);
        batch.add(A, "shop", "orders", "t", 0, 8, null, Set.of("contact.email"), T0 + 1);
        batch.add(B, "shop", "orders", "t", 1, 9, "k-9", Set.of("contact.email"), T0);

        for (LocatorDocument document : batch.documents()) {
            var out = new java.io.ByteArrayOutputStream();
            LocatorJson.of(document).writeTo(out);
            String written = out.toString(java.nio.charset.StandardCharsets.UTF_8);

            assertThat(read(written)).isEqualTo(document);
            assertThat(tree(written)).isEqualTo(tree(json(document)));
        }
    }

    private static tools.jackson.databind.JsonNode tree(String json) {
        return new tools.jackson.databind.ObjectMapper().readTree(json);
    }

    private String json(LocatorDocument document) {
        var out = new StringWriter();
        try (JsonGenerator generator = mapper.jsonProvider().createGenerator(out)) {
            mapper.serialize(document, generator);
        }
        return out.toString();
    }

    private LocatorDocument read(String json) {
        try (JsonParser parser = mapper.jsonProvider().createParser(new StringReader(json))) {
            return mapper.deserialize(parser, LocatorDocument.class);
        }
    }
}
