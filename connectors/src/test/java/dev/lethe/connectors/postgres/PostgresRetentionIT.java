package dev.lethe.connectors.postgres;

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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Retention purges on the real PostgreSQL: 10,000 rows a year old, 10,000 recent, one table per test. */
@ExtendWith(LocalServicesExtension.class)
class PostgresRetentionIT {

    private static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant YEAR_AGO = Instant.parse("2025-06-01T00:00:00Z");

    /** Held: the subjects user1 to user600, and every seventh one. */
    private static final HeldSubjects HELD = new HeldSubjects(Map.of("email", "email"), (type, value) -> {
        assertThat(type).isEqualTo("email");
        long id = Long.parseLong(value.substring(4, value.indexOf('@')));
        return id <= 600 || id % 7 == 0;
    });

    private static TestDatabase database;
    private static ConnectorRuntime runtime;

    @BeforeAll
    static void seed(@TempDir Path keys) throws SQLException {
        database = TestDatabase.create("retention");
        runtime = new ConnectorRuntime(database.guard(), PiiClassifier.create(), VaultProtection.inDirectory(keys));
        StringBuilder sql = new StringBuilder();
        for (String table : List.of("deleted", "anonymized", "stopped", "held", "hashed", "paced", "limited")) {
            sql.append("create table ")
                    .append(table)
                    .append(" (id bigint primary key, email text, note text,")
                    .append(" created_at timestamptz not null);")
                    .append(" insert into ")
                    .append(table)
                    .append(" select i, 'user' || i || '@example.org', 'note ' || i,")
                    .append(" case when i <= 10000 then timestamptz '2025-06-01' else timestamptz '2026-11-01' end")
                    .append(" from generate_series(1, 20000) i;");
        }
        database.execute(sql.toString());
    }

    @Test
    void expiredRecordsAreDeletedInBoundedBatchesAndARerunFindsNone() throws SQLException {
        PurgePreview preview = preview(new Purge("public.deleted", "created_at", CUTOFF, 100, List.of()));
        PurgeResult result = purge(new Purge("public.deleted", "created_at", CUTOFF, 3000, List.of()));
        PurgeResult again = purge(new Purge("public.deleted", "created_at", CUTOFF, 3000, List.of()));

        assertThat(result).isEqualTo(new PurgeResult(10000, 4, 0));
        assertThat(again).isEqualTo(new PurgeResult(0, 0, 0));
        Instant expired = Instant.parse("2025-06-01T00:00:00Z");
        assertThat(preview).isEqualTo(new PurgePreview(10000, 0, expired, expired));
        assertThat(preview(new Purge("public.deleted", "created_at", CUTOFF, 100, List.of())))
                .isEqualTo(PurgePreview.NOTHING);
        assertThat(count("select count(*) from deleted")).isEqualTo(10000);
        assertThat(count("select count(*) from deleted where created_at < '2026-06-01'"))
                .isZero();
    }

    @Test
    void aPartitionedTablesExpiredRowsGoAndOnlyThey() throws SQLException {
        // Rows of different partitions share physical addresses (ctid): a batch must name the partition too.
        database.execute("create table parted (id bigint, email text, created_at timestamptz not null)"
                + " partition by range (created_at);"
                + " create table parted_old partition of parted for values from ('2000-01-01') to ('2026-01-01');"
                + " create table parted_new partition of parted for values from ('2026-01-01') to ('2100-01-01');"
                + " insert into parted select i, 'user' || i || '@example.org',"
                + " case when i <= 1000 then timestamptz '2025-06-01' else timestamptz '2026-11-01' end"
                + " from generate_series(1, 3000) i;");

        PurgeResult result = purge(new Purge("public.parted", "created_at", CUTOFF, 300, List.of()));

        assertThat(result.records()).isEqualTo(1000);
        assertThat(count("select count(*) from parted")).isEqualTo(2000);
        assertThat(count("select count(*) from parted where id > 1000")).isEqualTo(2000);
    }

    @Test
    void anonymizationErasesTheFieldsInPlaceAndKeepsTheRecords() throws SQLException {
        var anonymize = List.of(
                ErasureRule.field("public.anonymized", "email", ErasureStrategy.NULL, null),
                ErasureRule.field("public.anonymized", "note", ErasureStrategy.MASK, null));

        PurgeResult result = purge(new Purge("public.anonymized", "created_at", CUTOFF, 4000, anonymize));
        PurgeResult again = purge(new Purge("public.anonymized", "created_at", CUTOFF, 4000, anonymize));

        assertThat(result.records()).isEqualTo(10000);
        assertThat(again.records()).isZero();
        assertThat(count("select count(*) from anonymized")).isEqualTo(20000);
        assertThat(count("select count(*) from anonymized where email is null and note = '" + ErasurePlan.MASK + "'"))
                .isEqualTo(10000);
        assertThat(count("select count(*) from anonymized where id > 10000 and email like 'user%'"))
                .isEqualTo(10000);
    }

    @Test
    void aStoppedPurgeKeepsItsCommittedBatchesAndTheNextRunFinishes() throws SQLException {
        var checks = new AtomicInteger();
        var stopAfterTwoBatches =
                new OperationContext(UUID.randomUUID(), "purge-1", () -> checks.incrementAndGet() > 2);
        var purge = new Purge("public.stopped", "created_at", CUTOFF, 1000, List.of());

        try (Connector connector = open()) {
            assertThatThrownBy(() -> ((Purging) connector).purge(stopAfterTwoBatches, purge))
                    .isInstanceOf(OperationStoppedException.class);
        }
        assertThat(count("select count(*) from stopped where created_at < '2026-06-01'"))
                .isEqualTo(8000);

        assertThat(purge(purge)).isEqualTo(new PurgeResult(8000, 8, 0));
        assertThat(count("select count(*) from stopped")).isEqualTo(10000);
    }

    @Test
    void heldSubjectsKeepTheirRecordsAndNeverBlockTheOthers() throws SQLException {
        // The first page (ids 1 to 500) is held entirely; so is every seventh subject after it.
        var purge = new Purge("public.held", "created_at", CUTOFF, 500, List.of()).withHeld(HELD);

        PurgePreview preview = preview(purge);
        PurgeResult result = purge(purge);
        PurgeResult again = purge(purge);

        assertThat(preview).isEqualTo(new PurgePreview(8057, 1943, YEAR_AGO, YEAR_AGO));
        assertThat(result.records()).isEqualTo(8057);
        assertThat(result.held()).isEqualTo(1943);
        assertThat(again).isEqualTo(new PurgeResult(0, 0, 1943));
        assertThat(count("select count(*) from held where created_at < '2026-06-01'"))
                .isEqualTo(1943);
        assertThat(count("select count(*) from held where created_at < '2026-06-01' and id > 600 and id % 7 <> 0"))
                .isZero();
        assertThat(count("select count(*) from held")).isEqualTo(11943);
    }

    @Test
    void tokenizeThenShredKeepsEqualValuesEqualAndNoOneCanReadThemBack() throws SQLException {
        // 100 subjects' addresses, each in ten expired and ten recent rows.
        database.execute("create table tokenized (id bigint primary key, email text, created_at timestamptz not null);"
                + " insert into tokenized select i, 'user' || (i % 100) || '@example.org',"
                + " case when i <= 1000 then timestamptz '2025-06-01' else timestamptz '2026-11-01' end"
                + " from generate_series(1, 2000) i;");
        var tokenize =
                List.of(ErasureRule.field("public.tokenized", "email", ErasureStrategy.TOKENIZE, "contact.email"));
        var purge = new Purge("public.tokenized", "created_at", CUTOFF, 300, tokenize);
        var context = OperationContext.of(UUID.randomUUID(), "retention:tokenized");

        PurgePreview preview;
        PurgeResult result;
        try (Connector connector = open()) {
            preview = ((Purging) connector).preview(context, purge);
            result = ((Purging) connector).purge(context, purge);
        }

        assertThat(preview.records()).isEqualTo(1000);
        assertThat(result.records()).isEqualTo(1000);
        assertThat(count("select count(*) from tokenized where created_at < '2026-06-01' and email like 'tok_%'"))
                .isEqualTo(1000);
        assertThat(count("select count(distinct email) from tokenized where email like 'tok_%'"))
                .as("equal values, equal tokens")
                .isEqualTo(100);
        assertThat(count("select count(*) from tokenized where id > 1000 and email like 'user%'"))
                .isEqualTo(1000);
        // The purge's key is shredded: the same value under the same subject now gets a new, unrelated token.
        String written =
                database.row("select email from tokenized where id = 1").get("email");
        String now = runtime.protection()
                .tokenize(context.tenant(), Purging.tokenSubject(context), "contact.email", "user1@example.org");
        assertThat(written).startsWith("tok_");
        assertThat(now).isNotEqualTo(written);
    }

    @Test
    void hashAnonymizationWritesTheVaultsHashesOnceAndSparesHeldSubjects() throws SQLException {
        var anonymize = List.of(ErasureRule.field("public.hashed", "email", ErasureStrategy.HASH, "contact.email"));
        var purge = new Purge("public.hashed", "created_at", CUTOFF, 3000, anonymize).withHeld(HELD);

        PurgePreview preview = preview(purge);
        PurgeResult result = purge(purge);
        PurgeResult again = purge(purge);

        assertThat(preview).isEqualTo(new PurgePreview(8057, 1943, YEAR_AGO, YEAR_AGO));
        assertThat(result.records()).isEqualTo(8057);
        assertThat(again.records()).isZero();
        assertThat(count("select count(*) from hashed where email like 'hsh_%'"))
                .isEqualTo(8057);
        assertThat(count("select count(distinct email) from hashed where email like 'hsh_%'"))
                .isEqualTo(8057);
        assertThat(count("select count(*) from hashed where email like 'user%'"))
                .isEqualTo(10000 + 1943);
        assertThat(count("select count(*) from hashed")).isEqualTo(20000);
    }

    @Test
    void aStopRequestEndsThePauseBetweenBatches() throws SQLException {
        var checks = new AtomicInteger();
        // Asked to stop as soon as the first batch is done: the hour-long pause must not be waited out.
        var stopAfterOneBatch = new OperationContext(UUID.randomUUID(), "purge-2", () -> checks.incrementAndGet() > 1);
        var purge = new Purge("public.paced", "created_at", CUTOFF, 1000, List.of())
                .withPace(new Pace(Duration.ofHours(1), 0));

        try (Connector connector = open()) {
            assertTimeoutPreemptively(
                    Duration.ofMinutes(1),
                    () -> assertThatThrownBy(() -> ((Purging) connector).purge(stopAfterOneBatch, purge))
                            .isInstanceOf(OperationStoppedException.class));
        }
        assertThat(count("select count(*) from paced where created_at < '2026-06-01'"))
                .isEqualTo(9000);
    }

    @Test
    void aRateLimitCutsBatchesToOneSecondsWorth() throws SQLException {
        var purge = new Purge("public.limited", "created_at", CUTOFF, 100_000, List.of())
                .withPace(new Pace(Duration.ZERO, 4000));

        assertThat(purge(purge)).isEqualTo(new PurgeResult(10000, 3, 0));
        assertThat(count("select count(*) from limited")).isEqualTo(10000);
    }

    @Test
    void anEventClockPurgesOnlyTheSubjectsInactiveSinceTheCutoff() throws SQLException {
        // ann: three old visits and a recent one (an address spelled otherwise is hers too); bob: old only; carl:
        // old only, held; dora: old visits under her address and customer number, a recent one under her
        // customer number only; a visit by no one: old; eve: a visit with no time (never expires).
        database.execute("create table visits (id bigint primary key, email text, customer text, seen_at timestamptz);"
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

        java.util.Set<String> active = new java.util.TreeSet<>();
        try (Connector connector = open()) {
            ((Purging) connector)
                    .activeIdentities(
                            OperationContext.of(UUID.randomUUID(), "retention-run"),
                            new Purging.ActivityScan("public.visits", "seen_at", CUTOFF, identities, 2),
                            (type, value) -> active.add(type + ":" + value));
        }
        assertThat(active).containsExactly("customer_id:C-4", "email:ann@example.org");

        var purge = new Purge("public.visits", "seen_at", CUTOFF, 2, List.of())
                .withHeld(new HeldSubjects(identities, (type, value) -> value.equals("carl@example.org")))
                .withActive(new ActiveSubjects(
                        identities,
                        (type, value) -> active.contains(type + ":"
                                + (type.equals("email") ? value.toLowerCase(java.util.Locale.ROOT) : value))));
        PurgePreview preview = preview(purge);
        PurgeResult result = purge(purge);
        PurgeResult again = purge(purge);

        assertThat(preview)
                .isEqualTo(new PurgePreview(
                        4, 2, Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-05-01T00:00:00Z")));
        assertThat(result.records()).isEqualTo(4);
        assertThat(result.held()).isEqualTo(2);
        assertThat(again).isEqualTo(new PurgeResult(0, 0, 2));
        assertThat(database.row("select string_agg(id::text, ',' order by id) ids from visits")
                        .get("ids"))
                .as("bob's three visits and the old one by no one are gone")
                .isEqualTo("1,2,3,4,8,9,10,11,12,14");
    }

    @Test
    void anActivityFieldThatIsNoTimeIsRefused() {
        try (Connector connector = open()) {
            assertThatThrownBy(() -> ((Purging) connector)
                            .activeIdentities(
                                    OperationContext.of(UUID.randomUUID(), "retention-run"),
                                    new Purging.ActivityScan(
                                            "public.deleted", "note", CUTOFF, Map.of("email", "email"), 100),
                                    (type, value) -> {}))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            e -> assertThat(e.isRetriable()).isFalse())
                    .hasMessageContaining("public.deleted.note is text, not a date or timestamp");
        }
    }

    @Test
    void aClockFieldThatIsNoTimeIsRefused() {
        assertThatThrownBy(() -> purge(new Purge("public.deleted", "email", CUTOFF, 100, List.of())))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("public.deleted.email is text, not a date or timestamp");
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

    private static long count(String query) throws SQLException {
        return database.count(query);
    }
}
