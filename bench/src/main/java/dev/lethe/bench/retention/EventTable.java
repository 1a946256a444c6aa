package dev.lethe.bench.retention;

import dev.lethe.bench.connectors.PostgresServer;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The purged table: {@code rows} events of an application, oldest first as they were written, one per
 * second up to the cutoff and past it, so ids {@code 1..rows/2} are expired. Each customer has ten
 * events spread over the table. Loaded set-based ({@code generate_series} into the bare table, then the
 * primary key and the two indexes, then {@code vacuum analyze}), as a running system has it: the clock
 * field {@code occurred_at} is indexed (the purge's selection) and so is the lookup column
 * {@code customer_id} (the reader's queries).
 */
final class EventTable {

    static final String DATABASE = "bench_retention";
    static final String DATASET = "public.events";
    static final String CLOCK = "occurred_at";
    static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");

    private final PostgresServer server;
    private final long rows;

    EventTable(PostgresServer server, long rows) {
        this.server = server;
        this.rows = rows;
    }

    long rows() {
        return rows;
    }

    long customers() {
        return Math.max(1, rows / 10);
    }

    /** Creates and loads the table; returns the seconds it took. */
    double load() throws SQLException {
        long start = System.nanoTime();
        server.createDatabase(DATABASE);
        server.execute(
                DATABASE,
                "set maintenance_work_mem = '512MB'",
                """
                create table events (id bigint not null, customer_id bigint not null, action text not null,
                                     page text, occurred_at timestamptz not null)
                """,
                """
                insert into events
                select i, 1 + (i * 7919) % CUSTOMERS, 'page_view', '/products/' || (i % 5000),
                       timestamptz 'CUTOFF' + (i - HALF - 1) * interval '1 second'
                  from generate_series(1::bigint, ROWS) i
                """.replace("CUSTOMERS", Long.toString(customers()))
                        .replace("CUTOFF", CUTOFF.toString())
                        .replace("HALF", Long.toString(rows / 2))
                        .replace("ROWS", Long.toString(rows)),
                "alter table events add primary key (id)",
                "create index events_customer on events (customer_id)",
                "create index events_occurred_at on events (occurred_at)",
                "vacuum analyze events",
                "checkpoint");
        return (System.nanoTime() - start) / 1e9;
    }

    long expiredLeft() throws SQLException {
        return count("occurred_at < '" + CUTOFF + "'");
    }

    long left() throws SQLException {
        return count("true");
    }

    /** Heap and index sizes, e.g. "1.9 GB table, 1.3 GB indexes". */
    String size() throws SQLException {
        return server.query(
                DATABASE,
                "select pg_size_pretty(pg_table_size('events')) || ' table, '"
                        + " || pg_size_pretty(pg_indexes_size('events')) || ' indexes'");
    }

    /** Autovacuum runs on the table so far (its statistics are sent with a delay of up to a second). */
    long autovacuums() throws SQLException {
        return Long.parseLong(
                server.query(DATABASE, "select autovacuum_count from pg_stat_user_tables where relname = 'events'"));
    }

    private long count(String condition) throws SQLException {
        return Long.parseLong(server.query(DATABASE, "select count(*) from events where " + condition));
    }
}
