package dev.lethe.bench.connectors;

import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.Purging;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The connectors at scale, on a real PostgreSQL (embedded, from the zonky binaries): five systems of
 * {@code --rows} records each, registered as five connections through the connector SPI; one
 * subject erased from all five, subject after subject (time per system and in total); then
 * retention purges of half of a fresh table per batch size (rows/s), and one with readers on the same
 * table, against the same readers without a purge. Writes a Markdown report to {@code --out}. Run
 * from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar dev.lethe.bench.connectors.ConnectorsBench --rows 1000000
 * </pre>
 */
public final class ConnectorsBench {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private ConnectorsBench() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        var report = new Report(options, String.join(" ", args), Machine.describe());
        report.started(Instant.now().truncatedTo(ChronoUnit.SECONDS), Machine.loadAverage());
        Path keys = Files.createTempDirectory("lethe-bench-vault-");
        try (PostgresServer server = PostgresServer.start()) {
            report.postgres(
                    server.query("postgres", "select version()"),
                    server.query("postgres", "show shared_buffers"),
                    server.query("postgres", "show synchronous_commit"));
            var runtime = new ConnectorRuntime(
                    OutboundGuard.fromSetting(PostgresServer.HOST + ":" + server.port()),
                    PiiClassifier.create(),
                    VaultProtection.open(keys.resolve("keyset.json")));
            List<BenchSystem> systems = PostgresSystems.five(server);
            report.systems(systems);
            for (BenchSystem system : systems) {
                long start = System.nanoTime();
                system.seed().fill(options.rows());
                System.out.printf("seeded %s in %.1f s%n", system.name(), (System.nanoTime() - start) / 1e9);
            }
            List<Connector> connectors = new ArrayList<>();
            try {
                for (BenchSystem system : systems) {
                    connectors.add(system.type().open(system.type().configure(system.config()), runtime));
                }
                List<Long> subjects = Subjects.pick(options.warmUp() + options.subjects(), options.rows(), 42);
                report.erasure(new EraseRun(systems, connectors, TENANT).run(subjects, options.warmUp()));

                BenchSystem events = systems.getLast();
                var purges = new PurgeRun(
                        server,
                        events.config().get("database"),
                        (Purging) connectors.getLast(),
                        options.rows(),
                        options.readers(),
                        options.readerPauseMillis(),
                        options.baselineSeconds() * 1000);
                List<PurgeRun.Variant> variants = new ArrayList<>();
                options.batchSizes().forEach(size -> variants.add(new PurgeRun.Variant(size, false, true)));
                variants.add(new PurgeRun.Variant(options.readerBatchSize(), true, true));
                variants.add(new PurgeRun.Variant(options.readerBatchSize(), false, false));
                List<PurgeRun.Figures> figures = new ArrayList<>();
                for (int i = 0; i < variants.size(); i++) {
                    figures.add(purges.run(variants.get(i), i + 1));
                }
                report.purges(figures, purges.ceiling(variants.size() + 1));
            } finally {
                connectors.forEach(Connector::close);
            }
        }
        deleteQuietly(keys);
        report.finished(Machine.loadAverage());
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), report.markdown());
        System.out.println(report.markdown());
        System.out.println("written to " + options.out());
    }

    /** The vault's throw-away keyset: what cannot be deleted stays in the temporary directory. */
    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.out.println("left behind: " + directory);
        }
    }
}
