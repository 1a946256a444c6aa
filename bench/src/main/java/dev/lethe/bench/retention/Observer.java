package dev.lethe.bench.retention;

import dev.lethe.bench.connectors.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What else happened in each phase, to read the reader's figures by: every 10 ms, what the purge's
 * session was doing ({@code pg_stat_activity}: on CPU, or waiting and for what) and whether the
 * reader was waiting for a lock; every second the machine's 1-minute load average; per phase, how busy
 * the machine's cores were ({@code /proc/stat}, all processes: the bench, PostgreSQL and the other
 * work on the machine) and the steal time.
 */
final class Observer {

    /** The table's deleted-rows counter during the purge ({@code pg_stat_user_tables.n_tup_del}), once a second. */
    record Progress(long nanos, long deleted) {}

    /** One phase: purge session samples by state, reader lock-wait samples, load and CPU. */
    record PhaseFigures(
            Map<String, Integer> purgeStates,
            int readerLockWaits,
            double meanLoad,
            double maxLoad,
            double busyPercent,
            double stealPercent) {}

    private static final String PURGER = "lethe-connector";
    /** Linux's USER_HZ, the unit of {@code /proc/<pid>/stat}'s times (100 on every common architecture). */
    private static final int TICKS_PER_SECOND = 100;

    private final PostgresServer server;
    private final Map<Phase, Map<String, Integer>> states = new EnumMap<>(Phase.class);
    private final Map<Phase, Integer> lockWaits = new EnumMap<>(Phase.class);
    private final Map<Phase, double[]> loads = new EnumMap<>(Phase.class); // sum, count, max
    private final Map<Phase, long[]> cpuAtStart = new EnumMap<>(Phase.class);
    private final Map<Phase, long[]> cpuAtEnd = new EnumMap<>(Phase.class);
    private final List<Progress> progress = new ArrayList<>();
    private long purgerCpuTicks;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile Phase phase = Phase.BASELINE;
    private volatile boolean stopped;
    private Thread thread;

    Observer(PostgresServer server) {
        this.server = server;
        for (Phase each : Phase.values()) {
            states.put(each, new TreeMap<>());
            lockWaits.put(each, 0);
            loads.put(each, new double[3]);
        }
    }

    void start() {
        cpuAtStart.put(Phase.BASELINE, cpu());
        thread = Thread.ofPlatform().name("observer").start(this::observe);
    }

    void enter(Phase next) {
        long[] now = cpu();
        cpuAtEnd.put(phase, now);
        cpuAtStart.put(next, now);
        phase = next;
    }

    /** Read after {@link #stop()}. */
    List<Progress> progress() {
        return progress;
    }

    /**
     * CPU seconds (user and system) the purge's PostgreSQL backend had used when it was last seen
     * active: what the purge costs, whatever else the machine's cores were busy with. Read after
     * {@link #stop()}.
     */
    double purgerCpuSeconds() {
        return purgerCpuTicks / (double) TICKS_PER_SECOND;
    }

    Map<Phase, PhaseFigures> stop() throws InterruptedException {
        cpuAtEnd.put(phase, cpu());
        stopped = true;
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "the observer failed: " + failure.get().getMessage(), failure.get());
        }
        Map<Phase, PhaseFigures> figures = new EnumMap<>(Phase.class);
        for (Phase each : Phase.values()) {
            long[] start = cpuAtStart.get(each);
            long[] end = cpuAtEnd.get(each);
            if (start == null || end == null) {
                continue;
            }
            double total = end[0] - start[0];
            double[] load = loads.get(each);
            figures.put(
                    each,
                    new PhaseFigures(
                            states.get(each),
                            lockWaits.get(each),
                            load[1] == 0 ? Double.NaN : load[0] / load[1],
                            load[2],
                            total <= 0 ? Double.NaN : 100 * (end[1] - start[1]) / total,
                            total <= 0 ? Double.NaN : 100 * (end[2] - start[2]) / total));
        }
        return figures;
    }

    private void observe() {
        try (Connection connection = server.connect(EventTable.DATABASE, "bench-observer");
                PreparedStatement activity = connection.prepareStatement(
                        "select application_name, coalesce(wait_event_type || ':' || wait_event, 'CPU'), pid"
                                + " from pg_stat_activity where application_name in (?, ?) and state = 'active'");
                PreparedStatement deleted = connection.prepareStatement(
                        "select n_tup_del from pg_stat_user_tables where relname = 'events'")) {
            activity.setString(1, PURGER);
            activity.setString(2, SteadyReader.APPLICATION);
            long nextLoad = 0;
            while (!stopped) {
                Phase now = phase;
                try (ResultSet rows = activity.executeQuery()) {
                    while (rows.next()) {
                        String state = rows.getString(2);
                        if (PURGER.equals(rows.getString(1))) {
                            states.get(now).merge(state, 1, Integer::sum);
                            purgerCpuTicks = Math.max(purgerCpuTicks, cpuTicks(rows.getInt(3)));
                        } else if (state.startsWith("Lock:")) {
                            lockWaits.merge(now, 1, Integer::sum);
                        }
                    }
                }
                if (System.nanoTime() >= nextLoad) {
                    double load = loadAverage();
                    double[] sums = loads.get(now);
                    sums[0] += load;
                    sums[1]++;
                    sums[2] = Math.max(sums[2], load);
                    nextLoad = System.nanoTime() + 1_000_000_000L;
                    if (now != Phase.BASELINE) { // after too: the last deletions are published up to a second late
                        try (ResultSet row = deleted.executeQuery()) {
                            row.next();
                            progress.add(new Progress(System.nanoTime(), row.getLong(1)));
                        }
                    }
                }
                Thread.sleep(10);
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** utime + stime of a process ({@code /proc/<pid>/stat} fields 14 and 15); 0 when it is gone. */
    private static long cpuTicks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** All cores' jiffies from {@code /proc/stat}: total, busy (not idle or iowait), steal; zeros if unknown. */
    private static long[] cpu() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total, total - idle, Long.parseLong(fields[8])};
        } catch (IOException | RuntimeException e) {
            return new long[3];
        }
    }
}
