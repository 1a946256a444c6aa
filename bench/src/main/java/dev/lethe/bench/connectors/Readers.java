package dev.lethe.bench.connectors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reader threads on one table for as long as they run, as an application reads it: point reads by
 * primary key and by an indexed e-mail, and short range scans of 50 rows, with a short pause after
 * each. Each query's time counts in the phase it started in (a baseline without purge, then during a
 * purge). A sampler asks PostgreSQL every 10 ms whether a reader is waiting for a lock, so a slow read
 * can be told apart from a blocked one.
 */
final class Readers {

    enum Phase {
        BASELINE,
        PURGE
    }

    /** Per phase: every read's time, and how many lock samples found a reader waiting for a lock. */
    record Figures(Samples baseline, Samples purge, int lockWaitsBaseline, int lockWaitsPurge) {}

    private static final String APPLICATION = "bench-reader";

    private final PostgresServer server;
    private final String database;
    private final String table;
    private final long rows;
    private final long pauseMillis;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Samples[]> samples = new ArrayList<>();
    private final AtomicInteger[] lockWaits = {new AtomicInteger(), new AtomicInteger()};
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile Phase phase = Phase.BASELINE;
    private volatile boolean stopped;

    Readers(PostgresServer server, String database, String table, long rows, long pauseMillis) {
        this.server = server;
        this.database = database;
        this.table = table;
        this.rows = rows;
        this.pauseMillis = pauseMillis;
    }

    void start(int readers) {
        for (int i = 0; i < readers; i++) {
            Samples[] own = {new Samples(), new Samples()};
            samples.add(own);
            threads.add(Thread.ofPlatform().name("reader-" + i).start(() -> read(own)));
        }
        threads.add(Thread.ofPlatform().name("lock-sampler").start(this::sampleLockWaits));
    }

    void enter(Phase next) {
        phase = next;
    }

    Figures stop() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a reader failed: " + failure.get().getMessage(), failure.get());
        }
        Samples baseline = new Samples();
        Samples purge = new Samples();
        samples.forEach(own -> {
            baseline.addAll(own[Phase.BASELINE.ordinal()]);
            purge.addAll(own[Phase.PURGE.ordinal()]);
        });
        return new Figures(baseline, purge, lockWaits[0].get(), lockWaits[1].get());
    }

    private void read(Samples[] own) {
        try (Connection connection = server.connect(database, APPLICATION);
                PreparedStatement byId = connection.prepareStatement("select * from " + table + " where id = ?");
                PreparedStatement byEmail = connection.prepareStatement("select * from " + table + " where email = ?");
                PreparedStatement range = connection.prepareStatement(
                        "select id, page, occurred_at from " + table + " where id between ? and ? order by id")) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (long n = 0; !stopped; n++) {
                long id = 1 + random.nextLong(rows);
                Phase started = phase;
                long start = System.nanoTime();
                PreparedStatement query = switch ((int) (n % 4)) {
                    case 0, 1 -> {
                        byId.setLong(1, id);
                        yield byId;
                    }
                    case 2 -> {
                        byEmail.setString(1, Subjects.email(id));
                        yield byEmail;
                    }
                    default -> {
                        range.setLong(1, id);
                        range.setLong(2, id + 49);
                        yield range;
                    }
                };
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        result.getString(2);
                    }
                }
                own[started.ordinal()].add(System.nanoTime() - start);
                Thread.sleep(pauseMillis);
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private void sampleLockWaits() {
        try (Connection connection = server.connect(database, "bench-lock-sampler");
                PreparedStatement waiting = connection.prepareStatement("select count(*) from pg_stat_activity"
                        + " where application_name = ? and wait_event_type = 'Lock'")) {
            waiting.setString(1, APPLICATION);
            while (!stopped) {
                Phase now = phase;
                try (ResultSet result = waiting.executeQuery()) {
                    result.next();
                    if (result.getInt(1) > 0) {
                        lockWaits[now.ordinal()].incrementAndGet();
                    }
                }
                Thread.sleep(10);
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }
}
