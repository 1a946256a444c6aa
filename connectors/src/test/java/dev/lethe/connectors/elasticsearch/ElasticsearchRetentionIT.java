package dev.lethe.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.OperationStoppedException;
import dev.lethe.connectors.spi.Purging;
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgePreview;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import dev.lethe.infra.testing.LocalServicesExtension;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Retention purges on the real Elasticsearch: 2,000 documents a year old, 2,000 recent, one index per test. */
@ExtendWith(LocalServicesExtension.class)
class ElasticsearchRetentionIT {

    private static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");
    private static final String EXPIRED = "{\"range\": {\"created_at\": {\"lt\": \"2026-06-01T00:00:00Z\"}}}";

    private static TestCluster cluster;

    @BeforeAll
    static void seed() {
        cluster = TestCluster.create("retention");
        for (String index : List.of("deleted", "anonymized", "stopped")) {
            cluster.createIndex(index, """
                    {"properties": {"id": {"type": "long"}, "email": {"type": "keyword"}, "note": {"type": "text"},
                                    "created_at": {"type": "date"}}}""");
            Map<String, String> documents = new LinkedHashMap<>();
            for (int i = 1; i <= 4000; i++) {
                documents.put(
                        "d" + i,
                        "{\"id\": %d, \"email\": \"user%d@example.org\", \"note\": \"note %d\", \"created_at\": \"%s\"}"
                                .formatted(i, i, i, i <= 2000 ? "2025-06-01T00:00:00Z" : "2026-11-01T00:00:00Z"));
            }
            cluster.bulk(index, documents);
        }
    }

    @Test
    void expiredDocumentsAreDeletedInBoundedBatchesAndARerunFindsNone() {
        PurgePreview preview = preview(new Purge(cluster.index("deleted"), "created_at", CUTOFF, 100, List.of()));
        PurgeResult result = purge(new Purge(cluster.index("deleted"), "created_at", CUTOFF, 600, List.of()));
        PurgeResult again = purge(new Purge(cluster.index("deleted"), "created_at", CUTOFF, 600, List.of()));

        assertThat(result).isEqualTo(new PurgeResult(2000, 4, 0));
        assertThat(again).isEqualTo(new PurgeResult(0, 0, 0));
        Instant expired = Instant.parse("2025-06-01T00:00:00Z");
        assertThat(preview).isEqualTo(new PurgePreview(2000, 0, expired, expired));
        assertThat(preview(new Purge(cluster.index("deleted"), "created_at", CUTOFF, 100, List.of())))
                .isEqualTo(PurgePreview.NOTHING);
        assertThat(cluster.count("deleted", "{\"match_all\": {}}")).isEqualTo(2000);
        assertThat(cluster.count("deleted", EXPIRED)).isZero();
    }

    @Test
    void anonymizationErasesTheFieldsInPlaceAndKeepsTheDocuments() {
        String index = cluster.index("anonymized");
        var anonymize = List.of(
                ErasureRule.field(index, "email", ErasureStrategy.NULL, null),
                ErasureRule.field(index, "note", ErasureStrategy.MASK, null));

        PurgeResult result = purge(new Purge(index, "created_at", CUTOFF, 700, anonymize));
        PurgeResult again = purge(new Purge(index, "created_at", CUTOFF, 700, anonymize));

        assertThat(result).isEqualTo(new PurgeResult(2000, 3, 0));
        assertThat(again).isEqualTo(new PurgeResult(0, 0, 0));
        assertThat(cluster.count("anonymized", "{\"match_all\": {}}")).isEqualTo(4000);
        assertThat(cluster.count(
                        "anonymized",
                        "{\"bool\": {\"filter\": [" + EXPIRED + "], \"must_not\": [{\"exists\":"
                                + " {\"field\": \"email\"}}], \"must\": [{\"match_phrase\": {\"note\": \""
                                + ErasurePlan.MASK
                                + "\"}}]}}"))
                .isEqualTo(2000);
        assertThat(cluster.count("anonymized", "{\"prefix\": {\"email\": \"user\"}}"))
                .isEqualTo(2000);
        assertThat(cluster.source("anonymized", "d1").path("id").asLong()).isEqualTo(1);
    }

    @Test
    void aStoppedPurgeKeepsItsBatchesAndTheNextRunFinishes() {
        var checks = new AtomicInteger();
        var stopAfterTwoBatches =
                new OperationContext(UUID.randomUUID(), "purge-1", () -> checks.incrementAndGet() > 2);
        var purge = new Purge(cluster.index("stopped"), "created_at", CUTOFF, 250, List.of());

        try (Connector connector = open()) {
            assertThatThrownBy(() -> ((Purging) connector).purge(stopAfterTwoBatches, purge))
                    .isInstanceOf(OperationStoppedException.class);
        }
        assertThat(cluster.count("stopped", EXPIRED)).isEqualTo(1500);

        assertThat(purge(purge)).isEqualTo(new PurgeResult(1500, 6, 0));
        assertThat(cluster.count("stopped", "{\"match_all\": {}}")).isEqualTo(2000);
    }

    @Test
    void aClockFieldThatIsNoDateAndAnUnknownIndexAreRefused() {
        assertThatThrownBy(() -> purge(new Purge(cluster.index("deleted"), "email", CUTOFF, 100, List.of())))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining(cluster.index("deleted") + ".email is keyword, not a date");
        assertThatThrownBy(() -> purge(new Purge("lethe-locator-x", "created_at", CUTOFF, 100, List.of())))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("lethe-locator-x is not an index of the configured index patterns");
    }

    private static PurgeResult purge(Purge purge) {
        try (Connector connector = open()) {
            return ((Purging) connector).purge(OperationContext.of(UUID.randomUUID(), "retention-run"), purge);
        }
    }

    private static PurgePreview preview(Purge purge) {
        try (Connector connector = open()) {
            return ((Purging) connector).preview(OperationContext.of(UUID.randomUUID(), "retention-run"), purge);
        }
    }

    private static Connector open() {
        return cluster.open(Map.of(), new ConnectorRuntime(cluster.guard(), PiiClassifier.create()));
    }
}
