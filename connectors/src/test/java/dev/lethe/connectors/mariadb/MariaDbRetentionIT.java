package dev.lethe.connectors.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgePreview;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import dev.lethe.connectors.testing.VaultProtection;
import dev.lethe.infra.testing.MariaDbExtension;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
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

/**
 * Retention purges on the real MariaDB: 10,000 rows a year old, 10,000 recent, one table per test;
 * clocks of each kind MariaDB has (datetime, timestamp, date).
 */
@ExtendWith(MariaDbExtension.class)
class MariaDbRetentionIT {

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

    private static TestDatabase database;
    private static ConnectorRuntime runtime;

    @BeforeAll
    static void seed(@TempDir Path keys) throws SQLException {
        database = TestDatabase.create("retention");
        runtime = new ConnectorRuntime(database.guard(), PiiClassifier.create(), VaultProtection.inDirectory(keys));
        StringBuilder sql = new StringBuilder();
        Map<String, String> clocks = Map.of(
                "deleted",
                "datetime(6)",
                "anonymized",
                "timestamp(6)",
                "stopped",
                "date",
                "keyless",
                "datetime",
                "held",
                "datetime",
                "hashed",
                "timestamp(6)");
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
    void heldSubjectsKeepTheirRecordsAndNeverBlockTheOthers() throws SQLException {
        // The first page (ids 1 to 500) is held entirely; so is every seventh subject after it.
        var purge = new Purge(dataset("held"), "created_at", CUTOFF, 500, List.of()).withHeld(HELD);

        PurgePreview preview = preview(purge);
        PurgeResult result = purge(purge);
        PurgeResult again = purge(purge);

        assertThat(preview).isEqualTo(new PurgePreview(8057, 1943, YEAR_AGO, YEAR_AGO));
        assertThat(result.records()).isEqualTo(8057);
        assertThat(result.held()).isEqualTo(1943);
        assertThat(again).isEqualTo(new PurgeResult(0, 0, 1943));
        assertThat(database.count(
                        "select count(*) from held where created_at < '2026-06-01' and id > 600 and id % 7 <> 0"))
                .isZero();
        assertThat(database.count("select count(*) from held")).isEqualTo(11943);
    }

    @Test
    void hashAnonymizationWritesTheVaultsHashesOnceAndSparesHeldSubjects() throws SQLException {
        var anonymize = List.of(ErasureRule.field(dataset("hashed"), "email", ErasureStrategy.HASH, "contact.email"));
        var purge = new Purge(dataset("hashed"), "created_at", CUTOFF, 3000, anonymize).withHeld(HELD);

        PurgePreview preview = preview(purge);
        PurgeResult result = purge(purge);
        PurgeResult again = purge(purge);

        assertThat(preview).isEqualTo(new PurgePreview(8057, 1943, YEAR_AGO, YEAR_AGO));
        assertThat(result.records()).isEqualTo(8057);
        assertThat(again.records()).isZero();
        assertThat(database.count("select count(distinct email) from hashed where email like 'hsh\\_%'"))
                .isEqualTo(8057);
        assertThat(database.count("select count(*) from hashed where email like 'user%'"))
                .isEqualTo(10000 + 1943);
    }

    @Test
    void aClockFieldThatIsNoTimeIsRefused() {
        assertThatThrownBy(() -> purge(new Purge(dataset("deleted"), "email", CUTOFF, 100, List.of())))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining(dataset("deleted") + ".email is varchar(255), not a date or timestamp");
    }

    @Test
    void anEventClockPurgesOnlyTheSubjectsInactiveSinceTheCutoff() throws SQLException {
        // ann: old visits and a recent one (an address spelled otherwise is hers too); bob: old only; carl: old
        // only, held; dora: old visits under her address and customer number, a recent one under the number
        // only; a visit by no one: old; eve: a visit with no time (never expires).
        database.execute("create table visits (id bigint primary key, email varchar(255), customer varchar(20),"
                + " seen_at datetime(6));"
                + " insert into visits values"
                + " (1, 'ann@example.org', null, '2025-01-01'), (2, 'Ann@Example.org', null, '2025-02-01'),"
                + " (3, 'ann@example.org', 'C-1', '2025-03-01'), (4, 'ann@example.org', null, '2026-10-01'),"
                + " (5, 'bob@example.org', 'C-2', '2025-01-01'), (6, 'bob@example.org', null, '2025-04-01'),"
                + " (7, 'bob@example.org', 'C-2', '2025-05-01'),"
                + " (8, 'carl@example.org', null, '2025-01-01'), (9, 'carl@example.org', 'C-3', '2025-02-01'),"
                + " (10, 'dora@example.org', 'C-4', '2025-01-01'), (11, 'dora@example.org', 'C-4', '2025-02-01'),"
                + " (12, null, 'C-4', '2026-09-01'), (13, null, null, '2025-01-01'),"
                + " (14, 'eve@example.org', null, null);");
        Map<String, String> identities = Map.of("email", "email", "customer", "customer_id");

        Set<String> active = new TreeSet<>();
        try (Connector connector = open()) {
            ((Purging) connector)
                    .activeIdentities(
                            OperationContext.of(UUID.randomUUID(), "retention-run"),
                            new Purging.ActivityScan(dataset("visits"), "seen_at", CUTOFF, identities, 2),
                            (type, value) -> active.add(type + ":" + value));
        }
        assertThat(active).containsExactly("customer_id:C-4", "email:ann@example.org");

        var purge = new Purge(dataset("visits"), "seen_at", CUTOFF, 2, List.of())
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
        assertThat(database.row("select group_concat(id order by id) ids from visits")
                        .get("ids"))
                .as("bob's three visits and the old one by no one are gone")
                .isEqualTo("1,2,3,4,8,9,10,11,12,14");
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
        return database.open(Map.of(), runtime);
    }
}
