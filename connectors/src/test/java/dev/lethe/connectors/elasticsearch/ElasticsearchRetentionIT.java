package dev.lethe.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.spi.ActiveSubjects;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ErasurePlan;
import dev.lethe.connectors.spi.ErasureRule;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.HeldSubjects;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.OperationStoppedException;
import dev.lethe.connectors.spi.Purging;
import dev.lethe.connectors.spi.Purging.Pace;
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgePreview;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import dev.lethe.connectors.testing.VaultProtection;
import dev.lethe.infra.testing.LocalServicesExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Retention purges on the real Elasticsearch: 2,000 documents a year old, 2,000 recent, one index per test. */
@ExtendWith(LocalServicesExtension.class)
class ElasticsearchRetentionIT {

    private static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant YEAR_AGO = Instant.parse("2025-06-01T00:00:00Z");

    /** Held: the subjects user1 to user600, and every seventh one. */
    private static final HeldSubjects HELD = new HeldSubjects(Map.of("email", "email"), (type, value) -> {
        if (!value.startsWith("user")) {
            return false; // a hash written by an earlier run
        }
        long id = Long.parseLong(value.substring(4, value.indexOf('@')));
        return type.equals("email") && (id <= 600 || id % 7 == 0);
    });

    private static final String EXPIRED = "{\"range\": {\"created_at\": {\"lt\": \"2026-06-01T00:00:00Z\"}}}";

    private static TestCluster cluster;
    private static ConnectorRuntime runtime;

    @BeforeAll
    static void seed(@TempDir Path keys) {
        cluster = TestCluster.create("retention");
        runtime = new ConnectorRuntime(cluster.guard(), PiiClassifier.create(), VaultProtection.inDirectory(keys));
        for (String index : List.of("deleted", "anonymized", "stopped", "held", "hashed", "paced")) {
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
    void heldSubjectsKeepTheirDocumentsAndNeverBlockTheOthers() {
        var purge = new Purge(cluster.index("held"), "created_at", CUTOFF, 300, List.of()).withHeld(HELD);

        PurgePreview preview = preview(purge);
        PurgeResult result = purge(purge);
        PurgeResult again = purge(purge);

        assertThat(preview).isEqualTo(new PurgePreview(1200, 800, YEAR_AGO, YEAR_AGO));
        assertThat(result.records()).isEqualTo(1200);
        assertThat(result.held()).isEqualTo(800);
        assertThat(again).isEqualTo(new PurgeResult(0, 0, 800));
        assertThat(cluster.count("held", EXPIRED)).isEqualTo(800);
        assertThat(cluster.count("held", "{\"match_all\": {}}")).isEqualTo(2800);
        assertThat(cluster.source("held", "d7").path("id").asLong()).isEqualTo(7);
    }

    @Test
    void hashAnonymizationWritesTheVaultsHashesOnceAndSparesHeldSubjects() {
        String index = cluster.index("hashed");
        var anonymize = List.of(ErasureRule.field(index, "email", ErasureStrategy.HASH, "contact.email"));
        var purge = new Purge(index, "created_at", CUTOFF, 700, anonymize).withHeld(HELD);

        PurgePreview preview = preview(purge);
        PurgeResult result = purge(purge);
        PurgeResult again = purge(purge);

        assertThat(preview).isEqualTo(new PurgePreview(1200, 800, YEAR_AGO, YEAR_AGO));
        assertThat(result.records()).isEqualTo(1200);
        assertThat(again.records()).isZero();
        assertThat(cluster.count("hashed", "{\"prefix\": {\"email\": \"hsh_\"}}"))
                .isEqualTo(1200);
        assertThat(cluster.count("hashed", "{\"prefix\": {\"email\": \"user\"}}"))
                .isEqualTo(2800);
        assertThat(cluster.source("hashed", "d7").path("email").asString()).isEqualTo("user7@example.org");
    }

    @Test
    void aStopRequestEndsThePauseBetweenBatches() {
        var checks = new AtomicInteger();
        // Asked to stop as soon as the first batch is done: the hour-long pause must not be waited out.
        var stopAfterOneBatch = new OperationContext(UUID.randomUUID(), "purge-2", () -> checks.incrementAndGet() > 1);
        var purge = new Purge(cluster.index("paced"), "created_at", CUTOFF, 500, List.of())
                .withPace(new Pace(Duration.ofHours(1), 0));

        try (Connector connector = open()) {
            assertTimeoutPreemptively(
                    Duration.ofMinutes(1),
                    () -> assertThatThrownBy(() -> ((Purging) connector).purge(stopAfterOneBatch, purge))
                            .isInstanceOf(OperationStoppedException.class));
        }
        assertThat(cluster.count("paced", EXPIRED)).isEqualTo(1500);
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

    @Test
    void anEventClockPurgesOnlyTheSubjectsInactiveSinceTheCutoff() {
        // ann: old visits and a recent one (an address spelled otherwise is hers too); bob: old only; carl: old
        // only, held; dora: old visits under her address and customer number, a recent one under the number
        // only; a visit by no one: old; eve: a visit with no time (never expires).
        cluster.createIndex("visits", """
                {"properties": {"email": {"type": "keyword"}, "customer": {"type": "keyword"},
                                "seen_at": {"type": "date"}}}""");
        Map<String, String> documents = new LinkedHashMap<>();
        String[][] visits = {
            {"1", "ann@example.org", null, "2025-01-01"}, {"2", "Ann@Example.org", null, "2025-02-01"},
            {"3", "ann@example.org", "C-1", "2025-03-01"}, {"4", "ann@example.org", null, "2026-10-01"},
            {"5", "bob@example.org", "C-2", "2025-01-01"}, {"6", "bob@example.org", null, "2025-04-01"},
            {"7", "bob@example.org", "C-2", "2025-05-01"}, {"8", "carl@example.org", null, "2025-01-01"},
            {"9", "carl@example.org", "C-3", "2025-02-01"}, {"10", "dora@example.org", "C-4", "2025-01-01"},
            {"11", "dora@example.org", "C-4", "2025-02-01"}, {"12", null, "C-4", "2026-09-01"},
            {"13", null, null, "2025-01-01"}, {"14", "eve@example.org", null, null}
        };
        for (String[] visit : visits) {
            documents.put(
                    "v" + visit[0],
                    "{\"email\": %s, \"customer\": %s, \"seen_at\": %s}"
                            .formatted(json(visit[1]), json(visit[2]), json(visit[3])));
        }
        cluster.bulk("visits", documents);
        String index = cluster.index("visits");
        Map<String, String> identities = Map.of("email", "email", "customer", "customer_id");

        Set<String> active = new TreeSet<>();
        try (Connector connector = open()) {
            ((Purging) connector)
                    .activeIdentities(
                            OperationContext.of(UUID.randomUUID(), "retention-run"),
                            new Purging.ActivityScan(index, "seen_at", CUTOFF, identities, 2),
                            (type, value) -> active.add(type + ":" + value));
        }
        assertThat(active).containsExactly("customer_id:C-4", "email:ann@example.org");

        var purge = new Purge(index, "seen_at", CUTOFF, 2, List.of())
                .withHeld(new HeldSubjects(identities, (type, value) -> value.equals("carl@example.org")))
                .withActive(new ActiveSubjects(
                        identities,
                        (type, value) -> active.contains(
                                type + ":" + (type.equals("email") ? value.toLowerCase(Locale.ROOT) : value))));
        PurgePreview preview = preview(purge);
        PurgeResult result = purge(purge);
        PurgeResult again = purge(purge);

        assertThat(preview)
                .isEqualTo(new PurgePreview(
                        4, 2, Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-05-01T00:00:00Z")));
        assertThat(result.records()).isEqualTo(4);
        assertThat(result.held()).isEqualTo(2);
        assertThat(again).isEqualTo(new PurgeResult(0, 0, 2));
        assertThat(cluster.count("visits", "{\"match_all\": {}}")).isEqualTo(10);
        for (String gone : List.of("v5", "v6", "v7", "v13")) {
            assertThat(cluster.count("visits", "{\"ids\": {\"values\": [\"" + gone + "\"]}}"))
                    .as(gone)
                    .isZero();
        }
    }

    private static String json(String value) {
        return value == null ? "null" : "\"" + value + "\"";
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
        return cluster.open(Map.of(), runtime);
    }
}
