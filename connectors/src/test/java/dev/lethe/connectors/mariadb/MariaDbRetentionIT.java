package dev.lethe.connectors.mariadb;

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
import dev.lethe.infra.testing.MariaDbExtension;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention purges on the real MariaDB: 10,000 rows a year old, 10,000 recent, one table per test;
 * clocks of each kind MariaDB has (datetime, timestamp, date).
 */
@ExtendWith(MariaDbExtension.class)
class MariaDbRetentionIT {

    private static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");

    private static TestDatabase database;

    @BeforeAll
    static void seed() throws SQLException {
        database = TestDatabase.create("retention");
        StringBuilder sql = new StringBuilder();
        Map<String, String> clocks = Map.of(
                "deleted", "datetime(6)", "anonymized", "timestamp(6)", "stopped", "date", "keyless", "datetime");
        clocks.forEach((table, clock) -> sql.append("create table ")
                .append(table)
                .append(" (id bigint")
                .append(table.equals("keyless") ? "" : " primary key")
                .append(", email varchar(255), note text, created_at ")
                .append(clock)
                .append(" not null);")
                .append(" insert into ")
                .append(table)
                .append(" select seq, concat('user', seq, '@example.org'), concat('note ', seq),")
                .append(" if(seq <= 10000, '2025-06-01', '2026-11-01') from seq_1_to_20000;"));
        database.execute(sql.toString());
    }

    @Test
    void expiredRecordsAreDeletedInBoundedBatchesAndARerunFindsNone() throws SQLException {
        PurgePreview preview = preview(new Purge(dataset("deleted"), "created_at", CUTOFF, 100, List.of()));
        PurgeResult result = purge(new Purge(dataset("deleted"), "created_at", CUTOFF, 3000, List.of()));
        PurgeResult again = purge(new Purge(dataset("deleted"), "created_at", CUTOFF, 3000, List.of()));

        assertThat(result).isEqualTo(new PurgeResult(10000, 4, 0));
        assertThat(again).isEqualTo(new PurgeResult(0, 0, 0));
        Instant expired = Instant.parse("2025-06-01T00:00:00Z");
        assertThat(preview).isEqualTo(new PurgePreview(10000, 0, expired, expired));
        assertThat(preview(new Purge(dataset("deleted"), "created_at", CUTOFF, 100, List.of())))
                .isEqualTo(PurgePreview.NOTHING);
        assertThat(database.count("select count(*) from deleted")).isEqualTo(10000);
        assertThat(database.count("select count(*) from deleted where created_at < '2026-06-01'"))
                .isZero();
    }

    @Test
    void anonymizationErasesTheFieldsInPlaceAndKeepsTheRecords() throws SQLException {
        var anonymize = List.of(
                ErasureRule.field(dataset("anonymized"), "email", ErasureStrategy.NULL, null),
                ErasureRule.field(dataset("anonymized"), "note", ErasureStrategy.MASK, null));

        PurgeResult result = purge(new Purge(dataset("anonymized"), "created_at", CUTOFF, 4000, anonymize));
        PurgeResult again = purge(new Purge(dataset("anonymized"), "created_at", CUTOFF, 4000, anonymize));

        assertThat(result.records()).isEqualTo(10000);
        assertThat(again.records()).isZero();
        assertThat(database.count("select count(*) from anonymized")).isEqualTo(20000);
        assertThat(database.count(
                        "select count(*) from anonymized where email is null and note = '" + ErasurePlan.MASK + "'"))
                .isEqualTo(10000);
        assertThat(database.count("select count(*) from anonymized where id > 10000 and email like 'user%'"))
                .isEqualTo(10000);
    }

    @Test
    void aStoppedPurgeKeepsItsCommittedBatchesAndTheNextRunFinishes() throws SQLException {
        var checks = new AtomicInteger();
        var stopAfterTwoBatches =
                new OperationContext(UUID.randomUUID(), "purge-1", () -> checks.incrementAndGet() > 2);
        var purge = new Purge(dataset("stopped"), "created_at", CUTOFF, 1000, List.of());

        try (Connector connector = open()) {
            assertThatThrownBy(() -> ((Purging) connector).purge(stopAfterTwoBatches, purge))
                    .isInstanceOf(OperationStoppedException.class);
        }
        assertThat(database.count("select count(*) from stopped where created_at < '2026-06-01'"))
                .isEqualTo(8000);
        // Batches go in key order: the lowest keys first.
        assertThat(database.count("select min(id) from stopped")).isEqualTo(2001);

        assertThat(purge(purge)).isEqualTo(new PurgeResult(8000, 8, 0));
        assertThat(database.count("select count(*) from stopped")).isEqualTo(10000);
    }

    @Test
    void aTableWithoutAKeyIsPurgedInBatchesToo() throws SQLException {
        PurgeResult result = purge(new Purge(dataset("keyless"), "created_at", CUTOFF, 2500, List.of()));

        assertThat(result).isEqualTo(new PurgeResult(10000, 4, 0));
        assertThat(database.count("select count(*) from keyless")).isEqualTo(10000);
    }

    @Test
    void aClockFieldThatIsNoTimeIsRefused() {
        assertThatThrownBy(() -> purge(new Purge(dataset("deleted"), "email", CUTOFF, 100, List.of())))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining(dataset("deleted") + ".email is varchar(255), not a date or timestamp");
    }

    private static String dataset(String table) {
        return database.dataset(table);
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
        return database.open(Map.of(), new ConnectorRuntime(database.guard(), PiiClassifier.create()));
    }
}
