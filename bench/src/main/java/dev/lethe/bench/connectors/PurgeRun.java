package dev.lethe.bench.connectors;

import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Purging;
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Retention purges through a connection's {@link Purging#purge}: a fresh table of {@code rows} page
 * views per run, the older half of them (ordered as they were written) before the cutoff, deleted in
 * batches of one size. With readers, the same readers first run alone on the table for a baseline,
 * then on during the purge. As the same-run ceiling, one plain {@code delete} statement of the same
 * half.
 */
final class PurgeRun {

    static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");

    /** One purge: its batch size, whether readers run, whether the clock field has an index. */
    record Variant(int batchSize, boolean readers, boolean clockIndexed) {}

    record Figures(Variant variant, long records, int batches, double seconds, Readers.Figures readers) {

        double rowsPerSecond() {
            return records / seconds;
        }
    }

    /** PostgreSQL deleting the same expired half in one statement: what batches could reach at most. */
    record Ceiling(long records, double seconds) {

        double rowsPerSecond() {
            return records / seconds;
        }
    }

    private final PostgresServer server;
    private final String database;
    private final Purging connection;
    private final long rows;
    private final int readers;
    private final long readerPauseMillis;
    private final long baselineMillis;

    PurgeRun(
            PostgresServer server,
            String database,
            Purging connection,
            long rows,
            int readers,
            long readerPauseMillis,
            long baselineMillis) {
        this.server = server;
        this.database = database;
        this.connection = connection;
        this.rows = rows;
        this.readers = readers;
        this.readerPauseMillis = readerPauseMillis;
        this.baselineMillis = baselineMillis;
    }

    Figures run(Variant variant, int number) throws SQLException, InterruptedException {
        String table = "page_views_" + number;
        seed(table, variant.clockIndexed());
        Readers running = null;
        if (variant.readers()) {
            running = new Readers(server, database, table, rows, readerPauseMillis);
            running.start(readers);
            Thread.sleep(baselineMillis);
            running.enter(Readers.Phase.PURGE);
        }
        var purge = new Purge("public." + table, "occurred_at", CUTOFF, variant.batchSize(), List.of());
        long start = System.nanoTime();
        PurgeResult result = connection.purge(OperationContext.of(UUID.randomUUID(), "purge-" + number), purge);
        double seconds = (System.nanoTime() - start) / 1e9;
        Readers.Figures reads = running == null ? null : running.stop();
        checkAndDrop(table, result.records());
        var figures = new Figures(variant, result.records(), result.batches(), seconds, reads);
        System.out.printf(
                "purge %s: %d records in %d batches in %.2f s = %.0f rows/s%n",
                variant, result.records(), result.batches(), seconds, figures.rowsPerSecond());
        return figures;
    }

    /** The same-run ceiling: one {@code delete} of the expired half straight on the server, no connector. */
    Ceiling ceiling(int number) throws SQLException {
        String table = "page_views_" + number;
        seed(table, true);
        long start = System.nanoTime();
        server.execute(database, "delete from " + table + " where occurred_at < '" + CUTOFF + "'");
        double seconds = (System.nanoTime() - start) / 1e9;
        checkAndDrop(table, rows / 2);
        System.out.printf("one delete statement: %d records in %.2f s%n", rows / 2, seconds);
        return new Ceiling(rows / 2, seconds);
    }

    private void checkAndDrop(String table, long deleted) throws SQLException {
        long left = Long.parseLong(server.query(database, "select count(*) from " + table));
        if (deleted != rows / 2 || left != rows - rows / 2) {
            throw new IllegalStateException(
                    "purge of " + table + " deleted " + deleted + " and left " + left + " of " + rows);
        }
        server.execute(database, "drop table " + table);
    }

    /** Page views in the order they were written; ids 1..rows/2 are before the cutoff. */
    private void seed(String table, boolean clockIndexed) throws SQLException {
        server.execute(
                database,
                """
                create table TABLE (id bigint, customer_id bigint not null, email text not null, page text,
                                    occurred_at timestamptz not null);
                insert into TABLE select i, c, 'customer' || c || '@example.org', '/products/' || (i % 5000),
                       timestamptz 'CUTOFF' + (i - HALF - 1) * interval '1 second'
                  from (select i, 1 + (i * 7919) % ROWS c from generate_series(1::bigint, ROWS) i) s;
                alter table TABLE add primary key (id);
                create index TABLE_email on TABLE (email);
                """.replace("TABLE", table)
                        .replace("CUTOFF", CUTOFF.toString())
                        .replace("HALF", Long.toString(rows / 2))
                        .replace("ROWS", Long.toString(rows)),
                clockIndexed ? "create index " + table + "_occurred_at on " + table + " (occurred_at)" : "select 1",
                "vacuum analyze " + table,
                "checkpoint");
    }
}
