package dev.lethe.bench.retention;

import dev.lethe.bench.connectors.Machine;
import dev.lethe.bench.connectors.PostgresServer;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.postgres.PostgresConnectorType;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.OperationContext;
import dev.lethe.connectors.spi.Purging;
import dev.lethe.connectors.spi.Purging.Pace;
import dev.lethe.connectors.spi.Purging.Purge;
import dev.lethe.connectors.spi.Purging.PurgeResult;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issue 14's evidence for the purge: the older half of a {@code --rows} PostgreSQL table (20,000,000 by
 * default) purged through the PostgreSQL connector's {@link Purging#purge}, on a real PostgreSQL
 * (embedded, zonky binaries, durable commits), while one application thread reads the same table at
 * a steady rate: first alone for {@code --baseline}, then during the purge, then for {@code --after}
 * (the autovacuum of the dead rows). Reports purge rows/s and the reader's latencies per phase of the
 * same run, with the machine's load per phase. Run from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar dev.lethe.bench.retention.RetentionBench --rows 20000000
 * </pre>
 */
public final class RetentionBench {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private RetentionBench() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        var report = new Report(options, String.join(" ", args), Machine.describe());
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadAtStart = Machine.loadAverage();
        String postgres;
        // A 20M-row table wants more than zonky's 128MB of shared buffers; fewer forced checkpoints while loading.
        try (PostgresServer server =
                PostgresServer.start(Map.of("shared_buffers", options.sharedBuffers(), "max_wal_size", "4GB"))) {
            postgres = server.query("postgres", "select version()").replaceFirst(" on .*", "")
                    + " (embedded, zonky binaries; shared_buffers " + server.query("postgres", "show shared_buffers")
                    + ", max_wal_size " + server.query("postgres", "show max_wal_size") + ", synchronous_commit "
                    + server.query("postgres", "show synchronous_commit") + ", otherwise default settings)";
            var table = new EventTable(server, options.rows());
            System.out.printf("loading %,d rows%n", options.rows());
            double loadSeconds = table.load();
            String size = table.size();
            System.out.printf("loaded in %.0f s: %s%n", loadSeconds, size);
            report.table(table, loadSeconds, size);

            var runtime = new ConnectorRuntime(
                    OutboundGuard.fromSetting(PostgresServer.HOST + ":" + server.port()), PiiClassifier.create());
            var type = new PostgresConnectorType();
            try (Connector connector =
                    type.open(type.configure(server.connectionSettings(EventTable.DATABASE)), runtime)) {
                long autovacuumsBefore = table.autovacuums();
                var reader = new SteadyReader(server, table, options.readRate());
                var observer = new Observer(server);
                reader.start();
                observer.start();
                System.out.printf(
                        "baseline: the reader alone for %d s%n",
                        options.baseline().toSeconds());
                Thread.sleep(options.baseline().toMillis());

                reader.enter(Phase.PURGE);
                observer.enter(Phase.PURGE);
                System.out.printf("purging %,d expired rows%n", options.expired());
                long start = System.nanoTime();
                PurgeResult result =
                        ((Purging) connector).purge(OperationContext.of(TENANT, "retention-bench"), purge(options));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "purged %,d records in %,d batches in %.1f s = %,.0f rows/s%n",
                        result.records(), result.batches(), seconds, result.records() / seconds);

                reader.enter(Phase.AFTER);
                observer.enter(Phase.AFTER);
                Thread.sleep(options.after().toMillis());
                SteadyReader.Figures reads = reader.stop();
                Map<Phase, Observer.PhaseFigures> phases = observer.stop();

                var purged = new Report.Purged(
                        result.records(), result.batches(), result.held(), seconds, table.expiredLeft(), table.left());
                if (purged.expiredLeft() != 0 || purged.left() != options.rows() - options.expired()) {
                    throw new IllegalStateException("the purge left " + purged.expiredLeft() + " expired rows and "
                            + purged.left() + " in all");
                }
                report.purge(
                        purged,
                        phases.get(Phase.PURGE).purgeStates(),
                        table.autovacuums() - autovacuumsBefore,
                        observer.progress(),
                        observer.purgerCpuSeconds());
                report.reader(reads, phases, seconds);
            }
        }
        report.header(started, loadAtStart, Machine.loadAverage(), postgres);
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), report.markdown());
        System.out.println(report.markdown());
        System.out.println("written to " + options.out());
    }

    /** The purge as a retention run asks for it: delete, no subject holds, the run's batch size and pace. */
    static Purge purge(Options options) {
        return new Purge(EventTable.DATASET, EventTable.CLOCK, EventTable.CUTOFF, options.batch(), List.of())
                .withPace(new Pace(options.pause(), options.maxRate()));
    }
}
