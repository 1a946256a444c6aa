package dev.lethe.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.ingest.LocatorEntry;
import dev.lethe.ingest.SubjectLocations;
import dev.lethe.ingest.SubjectLocator;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A locator index made before documents were aggregated, with its per-record documents, then written
 * to by the aggregating ingest: the Kafka connector's reads and deletes, the locator search and
 * erasure's forget see each record once, whichever document holds it, without reindexing.
 */
@ExtendWith(LocalServicesExtension.class)
class LocatorShapesIT {

    private static final String S = "5".repeat(64);
    private static final String R = "7".repeat(64);
    private static final String TOPIC = "shop.orders.raw";
    private static final Instant JAN = Instant.parse("2026-01-10T00:00:00Z");

    private final UUID tenant = UUID.randomUUID();
    private final String index = SubjectLocator.indexFor(tenant.toString());
    private ElasticsearchClient elasticsearch;
    private LocatorEntries entries;

    @BeforeEach
    void anIndexOfTheReleaseBeforeWithPerRecordDocuments() throws Exception {
        elasticsearch = ElasticsearchClient.of(
                config -> config.host(TestServices.endpoints().elasticsearchUrl()));
        entries = new LocatorEntries(elasticsearch);
        // The mapping and documents the release before wrote (one document per record, id topic-partition-offset).
        elasticsearch
                .indices()
                .create(create -> create.index(index)
                        .mappings(mappings -> mappings.properties("subjectHash", p -> p.keyword(k -> k))
                                .properties("system", p -> p.keyword(k -> k))
                                .properties("dataset", p -> p.keyword(k -> k))
                                .properties("topic", p -> p.keyword(k -> k))
                                .properties("partition", p -> p.integer(i -> i))
                                .properties("offset", p -> p.long_(l -> l))
                                .properties("categories", p -> p.keyword(k -> k))
                                .properties(
                                        "recordKey",
                                        p -> p.keyword(k -> k.index(false).docValues(false)))
                                .properties("recordTime", p -> p.date(d -> d.index(false)))
                                .properties(
                                        "seenAt",
                                        p -> p.date(d -> d.index(false).docValues(false)))));
        for (LocatorEntry old :
                List.of(entry(S, 0, 1, JAN), entry(S, 0, 5, JAN.plusSeconds(5)), entry(R, 1, 10, JAN))) {
            elasticsearch.index(put -> put.index(index).id(old.id()).document(old));
        }
        elasticsearch.indices().refresh(refresh -> refresh.index(index));
    }

    @AfterEach
    void deleteTheIndex() throws Exception {
        elasticsearch.indices().delete(delete -> delete.index(index));
        elasticsearch.close();
    }

    @Test
    void theLocatorSearchCountsRecordsOfBothShapesWithTheirFirstAndLastSeen() {
        var locations = new SubjectLocations(elasticsearch);
        assertThat(locations.find(tenant.toString(), R))
                .as("before the aggregating ingest wrote to the old index")
                .singleElement()
                .satisfies(location -> {
                    assertThat(location.records()).isEqualTo(1);
                    assertThat(location.lastSeen()).isEqualTo(JAN);
                });

        write(entry(R, 1, 11, JAN.plus(java.time.Duration.ofDays(40))), entry(R, 1, 12, JAN.plusSeconds(60)));

        assertThat(locations.find(tenant.toString(), R)).singleElement().satisfies(location -> {
            assertThat(location.records()).isEqualTo(3);
            assertThat(location.firstSeen()).isEqualTo(JAN);
            assertThat(location.lastSeen()).isEqualTo(JAN.plus(java.time.Duration.ofDays(40)));
            assertThat(location.categories()).containsExactly("contact.email");
        });
    }

    @Test
    void theConnectorReadsEachPositionOnceWhicheverDocumentHoldsIt() {
        // A batch replayed across the upgrade: offset 5 is in its old document and in the new one.
        write(entry(S, 0, 3, JAN), entry(S, 0, 5, JAN.plusSeconds(5)), entry(S, 0, 7, JAN.plusSeconds(7)));

        assertThat(entries.all(context(), S))
                .extracting(LocatorEntry::partition, LocatorEntry::offset, LocatorEntry::recordKey)
                .containsExactly(tuple(0, 1L, "o-1"), tuple(0, 3L, "o-3"), tuple(0, 5L, "o-5"), tuple(0, 7L, "o-7"));
        assertThat(entries.all(context(), S).get(3).recordTime())
                .isEqualTo(JAN.plusSeconds(7).toString());
    }

    @Test
    void deletingSomeRecordsOfADocumentKeepsTheOthersAndAnOldDocumentIsDeleted() {
        write(entry(S, 0, 3, JAN), entry(S, 0, 5, JAN), entry(S, 0, 7, JAN));
        List<LocatorEntry> all = entries.all(context(), S);

        entries.delete(
                context(),
                all.stream().filter(e -> e.offset() == 1 || e.offset() == 5).toList());

        assertThat(entries.all(context(), S)).extracting(LocatorEntry::offset).containsExactly(3L, 7L);
        assertThat(count())
                .as("the old document of 1 and 5 gone, the new one rewritten")
                .isEqualTo(2);
    }

    @Test
    void aRetentionCutThroughADocumentKeepsItsRecordsFromTheCutOn() {
        write(entry(S, 2, 20, JAN), entry(S, 2, 21, JAN), entry(S, 2, 22, JAN), entry(S, 2, 23, JAN));

        long deleted = entries.deleteBefore(context(), TOPIC, 2, 22);
        long again = entries.deleteBefore(context(), TOPIC, 2, 22);
        long old = entries.deleteBefore(context(), TOPIC, 0, 2);

        assertThat(deleted).isEqualTo(2);
        assertThat(again).isZero();
        assertThat(old).as("the old document of offset 1").isEqualTo(1);
        assertThat(entries.all(context(), S))
                .extracting(LocatorEntry::partition, LocatorEntry::offset)
                .containsExactly(tuple(0, 5L), tuple(2, 22L), tuple(2, 23L));
    }

    @Test
    void forgettingASubjectDeletesDocumentsOfBothShapesAndCountsTheirRecords() {
        write(entry(S, 0, 3, JAN), entry(S, 0, 7, JAN), entry(S, 4, 3, JAN));

        long forgotten = new SubjectLocator(elasticsearch).forget(tenant.toString(), S);

        assertThat(forgotten).as("two old records, three new ones").isEqualTo(5);
        assertThat(entries.all(context(), S)).isEmpty();
        assertThat(entries.all(context(), R)).extracting(LocatorEntry::offset).containsExactly(10L);
    }

    @Test
    void aShorterReplayOfABatchDoesNotShrinkItsDocument() {
        write(entry(S, 3, 40, JAN), entry(S, 3, 44, JAN));
        // A late write of an aborted attempt that had read only up to offset 42.
        write(entry(S, 3, 40, JAN));

        assertThat(entries.all(context(), S))
                .filteredOn(entry -> entry.partition() == 3)
                .extracting(LocatorEntry::offset)
                .containsExactly(40L, 44L);
    }

    private void write(LocatorEntry... batch) {
        new SubjectLocator(elasticsearch).write(tenant.toString(), List.of(batch));
        try {
            elasticsearch.indices().refresh(refresh -> refresh.index(index));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long count() {
        try {
            elasticsearch.indices().refresh(refresh -> refresh.index(index));
            return elasticsearch.count(count -> count.index(index)).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private OperationContext context() {
        return OperationContext.of(tenant, "shapes-" + UUID.randomUUID());
    }

    private static LocatorEntry entry(String subject, int partition, long offset, Instant time) {
        return new LocatorEntry(
                subject,
                "kafka",
                TOPIC,
                TOPIC,
                partition,
                offset,
                "o-" + offset,
                Set.of("contact.email"),
                time.toString(),
                "2026-06-01T00:00:00Z");
    }
}
