package dev.lethe.bench.requests;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.infra.LocalServices;
import dev.lethe.infra.LocalServicesSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Data-subject requests at scale, through Lethe's real request machinery in this process (request
 * store, planner, activities, a worker on the embedded Temporal server) over five PostgreSQL shops
 * registered as {@code PostgresConnectorType} connections, and the subject locator on the embedded
 * Elasticsearch: (1) {@code --requests} erasure requests filed and approved at once — throughput and
 * p50/p95 from approval to completion; (2) one erasure of a subject with {@code --rows} rows in each of
 * the five systems, end to end after approval, against plain SQL deletes of as many rows; (3) one
 * subject located among {@code --locator-entries} entries (p50/p99). Starts the local services itself
 * on free ports in a temporary directory. Needs a plain class path (the embedded Kafka broker starts
 * from the Kafka jars); run from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) dev.lethe.bench.requests.RequestsBench \
 *     --requests 1000 --rows 1000000 --locator-entries 10000000
 * </pre>
 */
public final class RequestsBench {

    private static final String SHOPS = "bench_";

    private RequestsBench() {}

    public static void main(String[] args) throws Exception {
        try {
            run(Options.parse(args), String.join(" ", args));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the Temporal and gRPC threads are not all daemons
        }
        System.exit(0);
    }

    private static void run(Options options, String command) throws Exception {
        var report = new Report(options, command);
        report.setting("Measured " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " on " + processor() + " ("
                + Runtime.getRuntime().availableProcessors() + " cores; load average " + loadAverage()
                + " at the start), JDK " + Runtime.version() + ", the local services of `./lethe up` (embedded"
                + " PostgreSQL, Elasticsearch with a 512 MB heap, Kafka, the Temporal Java test server) started"
                + " by the bench on free ports. Worker: " + options.concurrency() + " concurrent activities and"
                + " workflow tasks on one task queue; catalog pool " + (options.concurrency() + 4)
                + " connections. Phases: " + String.join(", ", new java.util.TreeSet<>(options.phases()))
                + ". Parameters: " + options.requests() + " requests, " + options.customers()
                + " customers per system, " + options.rows() + " rows of the heavy subject per system, "
                + options.locatorEntries() + " locator entries.");
        Path work = Files.createTempDirectory("lethe-requests-bench-");
        try (LocalServices services =
                LocalServices.start(LocalServicesSettings.onFreePorts(work.resolve("services")))) {
            var endpoints = services.endpoints();
            var elasticsearch = ElasticsearchClient.of(config -> config.host(endpoints.elasticsearchUrl()));
            boolean requests = options.phases().contains("requests");
            boolean heavy = options.phases().contains("heavy");
            if (requests || heavy) {
                var shops = new ShopDatabases(endpoints);
                shops.create(SHOPS, options.customers(), heavy ? options.rows() : 0);
                try (Lethe lethe = Lethe.start(endpoints, shops, SHOPS, elasticsearch, work, options.concurrency())) {
                    var runs = new RequestRuns(lethe, shops, SHOPS, Duration.ofMinutes(options.timeoutMinutes()));
                    runs.single(ShopDatabases.email(options.customers())); // warm-up
                    if (requests) {
                        report.many(runs.many(options.requests(), options.filers()));
                    }
                    if (heavy) {
                        report.heavy(runs.heavy(
                                options.rows(),
                                options.customers() + 1,
                                options.customers() + 2,
                                ShopDatabases.email(options.customers() - 1)));
                    }
                }
            }
            if (options.phases().contains("locator")) {
                report.locator(new LocatorRun(elasticsearch, UUID.randomUUID().toString())
                        .run(options.locatorEntries(), options.entriesPerSubject(), options.locates()));
            }
            elasticsearch.close();
        } finally {
            deleteQuietly(work);
        }
        report.setting("Load average at the end: " + loadAverage() + ".");
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), report.markdown());
        System.out.println(report.markdown());
        System.out.println("written to " + options.out());
    }

    private static String processor() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("an unknown processor");
        } catch (IOException e) {
            return "an unknown processor";
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.out.println("left behind: " + directory);
        }
    }
}
