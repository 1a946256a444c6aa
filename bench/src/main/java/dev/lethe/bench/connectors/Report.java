package dev.lethe.bench.connectors;

import dev.lethe.connectors.spi.ErasureRule;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of one run as Markdown, with the targets and whether they were met. */
final class Report {

    private static final double ERASE_TARGET_MS = 1000;
    private static final double PURGE_TARGET_ROWS_PER_SECOND = 100_000;
    private static final double READER_TARGET_MS = 100;

    private final Options options;
    private final String arguments;
    private final Machine machine;
    private final StringBuilder erasure = new StringBuilder();
    private final StringBuilder purges = new StringBuilder();
    private Instant started;
    private String loadAtStart;
    private String loadAtEnd;
    private String postgres;
    private Map<String, String> plans = Map.of();

    Report(Options options, String arguments, Machine machine) {
        this.options = options;
        this.arguments = arguments;
        this.machine = machine;
    }

    void started(Instant when, String loadAverage) {
        started = when;
        loadAtStart = loadAverage;
    }

    void finished(String loadAverage) {
        loadAtEnd = loadAverage;
    }

    void postgres(String version, String sharedBuffers, String synchronousCommit) {
        postgres = version.replaceFirst(" on .*", "") + " (embedded, zonky binaries; shared_buffers " + sharedBuffers
                + ", synchronous_commit " + synchronousCommit + ", otherwise default settings)";
    }

    void erasure(EraseRun.Result result) {
        erasure.append(
                line("| system | main table | plan | records changed per subject | median ms | max ms | first (cold) ms"
                        + " | floor: connect + `select 1`, median ms |"));
        erasure.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        for (EraseRun.SystemFigures figures : result.systems()) {
            erasure.append(format(
                    "| %s | `%s` (%,d rows) | %s | %s | %.1f | %.1f | %.1f | %.1f |%n",
                    figures.system(),
                    figures.mainDataset(),
                    options.rows(),
                    plans.getOrDefault(figures.system(), ""),
                    figures.fewestRecords() == figures.mostRecords()
                            ? Long.toString(figures.fewestRecords())
                            : figures.fewestRecords() + "–" + figures.mostRecords(),
                    figures.times().medianMs(),
                    figures.times().maxMs(),
                    figures.firstMs(),
                    figures.roundTrips().medianMs()));
        }
        erasure.append(format(
                "| **all five, one after another** | | | | **%.1f** | **%.1f** | %.1f | |%n",
                result.totals().medianMs(), result.totals().maxMs(), result.firstTotalMs()));
        double worst = result.systems().stream()
                .mapToDouble(figures -> figures.times().maxMs())
                .max()
                .orElse(0);
        erasure.append(format(
                "%n%d subjects measured after %d warm-up subjects (the first of which is the cold column). "
                        + "Target: a subject erased from a 1M-row table in < 1 s — **%s**: the slowest single "
                        + "system took %.1f ms%s.%n",
                result.totals().count(),
                result.warmUp(),
                worst < ERASE_TARGET_MS ? "met" : "not met",
                worst,
                atSize()));
    }

    void purges(List<PurgeRun.Figures> runs, PurgeRun.Ceiling ceiling) {
        purges.append(line("| batch size | clock field indexed | readers | records deleted | batches | s | rows/s |"));
        purges.append("|---:|---|---|---:|---:|---:|---:|\n");
        double best = 0;
        PurgeRun.Figures withReaders = null;
        for (PurgeRun.Figures run : runs) {
            purges.append(format(
                    "| %,d | %s | %s | %,d | %d | %.2f | %,.0f |%n",
                    run.variant().batchSize(),
                    run.variant().clockIndexed() ? "yes" : "no",
                    run.variant().readers() ? options.readers() + "" : "none",
                    run.records(),
                    run.batches(),
                    run.seconds(),
                    run.rowsPerSecond()));
            if (run.variant().clockIndexed()) {
                best = Math.max(best, run.rowsPerSecond());
            }
            if (run.readers() != null) {
                withReaders = run;
            }
        }
        purges.append(format(
                "| ceiling, same run: one `delete … where occurred_at < cutoff` straight on the server (no batches,"
                        + " no connector) | yes | none | %,d | 1 | %.2f | %,.0f |%n",
                ceiling.records(), ceiling.seconds(), ceiling.rowsPerSecond()));
        purges.append(format(
                "%nTarget: ≥ 100,000 rows/s — **%s**: best %,.0f rows/s with an indexed clock field%s.%n",
                best >= PURGE_TARGET_ROWS_PER_SECOND ? "met" : "not met", best, atSize()));
        if (withReaders != null) {
            readers(withReaders);
        }
    }

    private void readers(PurgeRun.Figures run) {
        Readers.Figures reads = run.readers();
        purges.append(format(
                "%n### Readers on the same table%n%n%d threads, each one query after another with a %d ms pause: "
                        + "point reads by primary key (half), by an indexed e-mail (a quarter), range scans of "
                        + "50 rows by key (a quarter). Baseline: the same readers alone on the table for %d s "
                        + "before the purge, in the same run. Lock samples: every 10 ms, whether any reader "
                        + "was waiting for a lock (`pg_stat_activity.wait_event_type = 'Lock'`).%n%n",
                options.readers(), options.readerPauseMillis(), options.baselineSeconds()));
        purges.append(line("| phase | reads | p50 ms | p99 ms | p99.9 ms | max ms | reads > 100 ms | lock samples |"));
        purges.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        purges.append(readerRow("baseline, no purge", reads.baseline(), reads.lockWaitsBaseline()));
        purges.append(readerRow(
                format("during the purge (batch %,d)", run.variant().batchSize()),
                reads.purge(),
                reads.lockWaitsPurge()));
        boolean met = reads.purge().maxMs() <= READER_TARGET_MS && reads.lockWaitsPurge() == 0;
        purges.append(format(
                "%nTarget: readers never blocked > 100 ms — **%s**: the slowest read during the purge took %.1f ms "
                        + "(baseline %.1f ms), %d lock samples found a reader waiting.%n",
                met ? "met" : "not met", reads.purge().maxMs(), reads.baseline().maxMs(), reads.lockWaitsPurge()));
    }

    private static String readerRow(String phase, Samples reads, int lockWaits) {
        return format(
                "| %s | %,d | %.2f | %.2f | %.2f | %.1f | %d | %d |%n",
                phase,
                reads.count(),
                reads.medianMs(),
                reads.percentileMs(99),
                reads.percentileMs(99.9),
                reads.maxMs(),
                reads.over(READER_TARGET_MS),
                lockWaits);
    }

    /** How each system's plan reads in the table, e.g. {@code orders DELETE_ROW, customers DELETE_ROW}. */
    void systems(List<BenchSystem> systems) {
        plans = systems.stream()
                .collect(Collectors.toMap(
                        BenchSystem::name,
                        system ->
                                system.plan().rules().stream().map(Report::rule).collect(Collectors.joining(", "))));
    }

    private static String rule(ErasureRule rule) {
        String table = rule.dataset().substring(rule.dataset().indexOf('.') + 1);
        return (rule.field() == null ? table : table + "." + rule.field()) + " " + rule.strategy();
    }

    private String atSize() {
        return options.rows() == 1_000_000
                ? ""
                : format(" (at %,d rows, not the 1M the target is for)", options.rows());
    }

    String markdown() {
        return format(
                """
                # Connectors at scale: erase and purge on PostgreSQL

                Measured %s on %s (%d cores, shared with other work: load average %s at the start, %s at the \
                end), JDK %s, %s.

                ```
                ./mvnw -q -pl bench -am package -DskipTests
                java -cp bench/target/benchmarks.jar dev.lethe.bench.connectors.ConnectorsBench %s
                ```

                ## Erasing one subject from five systems

                Five databases, each registered as its own connection through `PostgresConnectorType` and the \
                connector SPI (`configure`, `open`, `Erasing.erase`) with the real vault for HASH and TOKENIZE. \
                Every identity column is indexed; each system's main table has %,d rows (child tables as many). \
                A subject is `{email, customer_id}`; each erase is one call (its own JDBC connection, a schema \
                snapshot, then the plan in one transaction), one system after another.

                %s
                ## Retention purge

                `Purging.purge` on a fresh table of %,d page views per run (id, customer id, e-mail, page, \
                `occurred_at`; primary key and e-mail indexed), the older half before the cutoff, ordered as \
                written; deleted in batches, each committed on its own.

                %s""",
                started,
                machine.processor(),
                machine.cores(),
                loadAtStart,
                loadAtEnd,
                machine.java(),
                postgres,
                arguments,
                options.rows(),
                erasure,
                options.rows(),
                purges);
    }

    private static String line(String text) {
        return text + "\n";
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
