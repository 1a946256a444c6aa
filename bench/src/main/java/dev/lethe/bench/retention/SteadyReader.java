package dev.lethe.bench.retention;

import dev.lethe.bench.connectors.PostgresServer;
import dev.lethe.bench.connectors.Samples;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One application thread reading the purged table at a steady rate on its own connection: indexed
 * point queries, alternately a row by primary key and a customer's events by the indexed
 * {@code customer_id} (about ten rows), over the whole table (expired rows and live ones). Queries are
 * scheduled at fixed times; each one counts in the phase of its scheduled time, with two times: the
 * service time (sent to last row read) and the response time from its scheduled time, which also
 * holds the wait behind an earlier slow query (so a stall shows as every query it delayed, not as one).
 */
final class SteadyReader {

    static final String APPLICATION = "bench-reader";

    /** Per phase: service and response times, and how many queries were sent. */
    record Figures(Map<Phase, Samples> service, Map<Phase, Samples> response) {}

    private final PostgresServer server;
    private final EventTable table;
    private final long intervalNanos;
    private final Map<Phase, Samples> service = new EnumMap<>(Phase.class);
    private final Map<Phase, Samples> response = new EnumMap<>(Phase.class);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile Phase phase = Phase.BASELINE;
    private volatile boolean stopped;
    private Thread thread;

    SteadyReader(PostgresServer server, EventTable table, int queriesPerSecond) {
        this.server = server;
        this.table = table;
        this.intervalNanos = 1_000_000_000L / queriesPerSecond;
        for (Phase each : Phase.values()) {
            service.put(each, new Samples());
            response.put(each, new Samples());
        }
    }

    void start() {
        thread = Thread.ofPlatform().name("steady-reader").start(this::read);
    }

    void enter(Phase next) {
        phase = next;
    }

    Figures stop() throws InterruptedException {
        stopped = true;
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "the reader failed: " + failure.get().getMessage(), failure.get());
        }
        return new Figures(service, response);
    }

    private void read() {
        try (Connection connection = server.connect(EventTable.DATABASE, APPLICATION);
                PreparedStatement byId = connection.prepareStatement("select * from events where id = ?");
                PreparedStatement byCustomer =
                        connection.prepareStatement("select * from events where customer_id = ?")) {
            var random = new SplittableRandom(7);
            long next = System.nanoTime();
            for (long n = 0; !stopped; n++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Phase scheduledIn = phase;
                PreparedStatement query;
                if (n % 2 == 0) {
                    byId.setLong(1, 1 + random.nextLong(table.rows()));
                    query = byId;
                } else {
                    byCustomer.setLong(1, 1 + random.nextLong(table.customers()));
                    query = byCustomer;
                }
                long sent = System.nanoTime();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        rows.getLong(1);
                    }
                }
                long done = System.nanoTime();
                service.get(scheduledIn).add(done - sent);
                response.get(scheduledIn).add(done - next);
                next += intervalNanos;
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }
}
