package dev.lethe.bench.retention;

import dev.lethe.bench.connectors.Machine;
import dev.lethe.bench.connectors.Samples;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of one run as Markdown, with the targets and whether they were met. */
final class Report {

    static final double PURGE_TARGET_ROWS_PER_SECOND = 100_000;
    static final double READER_TARGET_MS = 100;

    /** The purge as measured. */
    record Purged(long records, int batches, long held, double seconds, long expiredLeft, long left) {

        double rowsPerSecond() {
            return records / seconds;
        }

        /** The connector pauses after every full batch (another one follows it). */
        double pausedSeconds(Options options) {
            long full = records / options.batch();
            return Math.min(full, batches) * options.pause().toNanos() / 1e9;
        }

        /** What the batches themselves ran at: the pauses left out. */
        double workingRowsPerSecond(Options options) {
            return records / (seconds - pausedSeconds(options));
        }
    }

    private final Options options;
    private final String arguments;
    private final Machine machine;
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder text = new StringBuilder();

    Report(Options options, String arguments, Machine machine) {
        this.options = options;
        this.arguments = arguments;
        this.machine = machine;
    }

    /** Written last (it has the load at the end), printed first. */
    void header(Instant started, String loadAtStart, String loadAtEnd, String postgres) {
        StringBuilder text = head;
        text.append("# Retention purge at scale: PostgreSQL\n\n");
        text.append(format(
                "Measured %s on %s (%d cores, shared with other work: load average %s at the start, %s at the end;"
                        + " per phase below), JDK %s, %s.%n%n",
                started, machine.processor(), machine.cores(), loadAtStart, loadAtEnd, machine.java(), postgres));
        text.append("```\n./mvnw -q -pl bench -am package -DskipTests\n")
                .append("java -cp bench/target/benchmarks.jar dev.lethe.bench.retention.RetentionBench ")
                .append(arguments)
                .append("\n```\n\n");
    }

    void table(EventTable table, double loadSeconds, String size) {
        text.append(format(
                "**Table** `%s`: %,d rows (id primary key, customer_id indexed, action, page, `%s` indexed), %s,"
                        + " the older %,d before the cutoff %s (oldest first, as written); loaded set-based"
                        + " (`generate_series`, then the indexes, `vacuum analyze`) in %.0f s.%n%n",
                EventTable.DATASET,
                table.rows(),
                EventTable.CLOCK,
                size,
                options.expired(),
                EventTable.CUTOFF,
                loadSeconds));
    }

    void purge(
            Purged purged,
            Map<String, Integer> states,
            long autovacuums,
            List<Observer.Progress> progress,
            double purgerCpuSeconds) {
        boolean met = purged.rowsPerSecond() >= PURGE_TARGET_ROWS_PER_SECOND;
        text.append("## Purge\n\n");
        text.append(format(
                "`Purging.purge` of the PostgreSQL connector (`PostgresConnectorType`, opened through the SPI"
                        + " as Lethe opens a connection), deleting: batches of %,d, pause %d ms after each,"
                        + " max-records-per-second %s.%n%n",
                options.batch(),
                options.pause().toMillis(),
                options.maxRate() == 0 ? "none" : String.format(Locale.ROOT, "%,d", options.maxRate())));
        text.append("| records deleted | batches | held | s | of which paused | rows/s | rows/s without the pauses"
                + " | expired left | rows left |\n");
        text.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        text.append(format(
                "| %,d | %,d | %,d | %.1f | %.1f | **%,.0f** | %,.0f | %,d | %,d |%n%n",
                purged.records(),
                purged.batches(),
                purged.held(),
                purged.seconds(),
                purged.pausedSeconds(options),
                purged.rowsPerSecond(),
                purged.workingRowsPerSecond(options),
                purged.expiredLeft(),
                purged.left()));
        text.append(format(
                "Target: ≥ %,.0f rows/s — **%s** (%,.0f rows/s, pauses included).%n%n",
                PURGE_TARGET_ROWS_PER_SECOND, met ? "met" : "NOT met", purged.rowsPerSecond()));
        int samples = states.values().stream().mapToInt(Integer::intValue).sum();
        text.append(format(
                "What the purge's session was doing (`pg_stat_activity` every 10 ms, %,d samples while it was"
                        + " active; `CPU` = no wait event): %s. Autovacuum runs on the table during the run: %d.%n%n",
                samples,
                states.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / samples))
                        .collect(Collectors.joining(", ")),
                autovacuums));
        text.append(tenths(purged, progress));
        if (purgerCpuSeconds > 0) {
            text.append(format(
                    "CPU of the purge's PostgreSQL backend (`/proc/<pid>/stat`, user + system): %.1f s for %,d rows,"
                            + " **%,.0f rows per CPU second** — the rate one otherwise idle core would reach, pauses"
                            + " aside; it does not depend on what else the machine was doing.%n%n",
                    purgerCpuSeconds, purged.records(), purged.records() / purgerCpuSeconds));
        }
    }

    /**
     * Rows/s per tenth of the purge, from the table's deleted-rows counter sampled once a second
     * (PostgreSQL publishes it about once a second): flat means each batch costs the same all along;
     * falling means later batches pay for what earlier ones left behind (dead index entries).
     */
    private static String tenths(Purged purged, List<Observer.Progress> progress) {
        if (progress.size() < 20) {
            return "";
        }
        long base = progress.getFirst().deleted();
        StringBuilder rates = new StringBuilder();
        Observer.Progress from = progress.getFirst();
        int tenth = 1;
        for (Observer.Progress sample : progress) {
            if (tenth <= 10 && sample.deleted() - base >= purged.records() * tenth / 10) {
                double rate = (sample.deleted() - from.deleted()) / ((sample.nanos() - from.nanos()) / 1e9);
                rates.append(tenth == 1 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", rate));
                from = sample;
                while (tenth <= 10 && sample.deleted() - base >= purged.records() * tenth / 10) {
                    tenth++;
                }
            }
        }
        return "Rows/s per tenth of the purge, first to last (the table's `n_tup_del`, sampled once a second; pauses"
                + " included): " + rates + ".\n\n";
    }

    void reader(SteadyReader.Figures reads, Map<Phase, Observer.PhaseFigures> phases, double seconds) {
        text.append("## The reader\n\n");
        text.append(format(
                "One thread on its own connection, %d point queries per second scheduled at fixed times, alternately"
                        + " a row by primary key and a customer's ~10 events by the indexed `customer_id`, random"
                        + " over the whole table. *Service* = query sent to last row read; *response* = from the"
                        + " query's scheduled time (includes waiting behind an earlier slow query). Lock samples:"
                        + " every 10 ms, whether the reader was waiting for a lock. Load and CPU: the whole machine"
                        + " in that phase.%n%n",
                options.readRate()));
        text.append("| phase | s | queries | service p50 ms | service p99 ms | p99.9 ms | max ms | response p99 ms"
                + " | response max ms | > 100 ms | lock samples | load avg (mean / max) | CPU busy | steal |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (Phase phase : Phase.values()) {
            Samples service = reads.service().get(phase);
            Samples response = reads.response().get(phase);
            Observer.PhaseFigures machine = phases.get(phase);
            if (service.count() == 0 || machine == null) {
                continue;
            }
            double length = phase == Phase.BASELINE
                    ? options.baseline().toSeconds()
                    : phase == Phase.PURGE ? seconds : options.after().toSeconds();
            text.append(format(
                    "| %s | %.0f | %,d | %.2f | %.2f | %.2f | %.1f | %.2f | %.1f | %d | %d | %.1f / %.1f | %.0f%% | %.0f%% |%n",
                    phase.label,
                    length,
                    service.count(),
                    service.medianMs(),
                    service.percentileMs(99),
                    service.percentileMs(99.9),
                    service.maxMs(),
                    response.percentileMs(99),
                    response.maxMs(),
                    service.over(READER_TARGET_MS),
                    machine.readerLockWaits(),
                    machine.meanLoad(),
                    machine.maxLoad(),
                    machine.busyPercent(),
                    machine.stealPercent()));
        }
        double base = reads.service().get(Phase.BASELINE).percentileMs(99);
        double during = reads.service().get(Phase.PURGE).percentileMs(99);
        double baseResponse = reads.response().get(Phase.BASELINE).percentileMs(99);
        double duringResponse = reads.response().get(Phase.PURGE).percentileMs(99);
        boolean met = during - base < READER_TARGET_MS && duringResponse - baseResponse < READER_TARGET_MS;
        text.append(format(
                "%nTarget: reader p99 increase < %.0f ms — **%s**: service p99 %.2f ms during the purge against %.2f ms"
                        + " without (%+.2f ms, x%.2f); response p99 %.2f against %.2f ms (%+.2f ms).%n%n",
                READER_TARGET_MS,
                met ? "met" : "NOT met",
                during,
                base,
                during - base,
                during / base,
                duringResponse,
                baseResponse,
                duringResponse - baseResponse));
    }

    String markdown() {
        return head.toString() + text;
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
