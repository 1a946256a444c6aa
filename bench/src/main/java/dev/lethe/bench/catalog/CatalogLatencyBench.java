package dev.lethe.bench.catalog;

import dev.lethe.catalog.tenant.Tenant;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * List and search latency of the catalog API as a client sees it, with 10,000 datasets and 100,000
 * fields in one tenant. Starts {@code ./lethe up} (real PostgreSQL, Elasticsearch, Kafka, Temporal)
 * on free ports and a temporary data directory, seeds the default tenant with set-based inserts,
 * indexes it with {@code POST /api/v1/catalog/search/rebuild}, then sends warm-up rounds and
 * {@code rounds} measured rounds; each round sends one request of every kind, one after another
 * over one keep-alive connection, so noise from the machine falls on every kind alike. The
 * baselines ({@code GET /api/v1/systems/{id}}, one row through the same security, tenant and
 * JSON stack, and {@code GET /actuator/health}) are measured in the same rounds. Run from the
 * repository root:
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.lethe.bench.catalog.CatalogLatencyBench [rounds] [warm-up rounds]</pre>
 */
public final class CatalogLatencyBench {

    private static final int SYSTEMS = 100;
    private static final int DATASETS_PER_SYSTEM = 100;

    private CatalogLatencyBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path root = Path.of(System.getProperty("lethe.root", "")).toAbsolutePath();
        if (!Files.exists(root.resolve("lethe"))) {
            throw new IllegalArgumentException(
                    "Run from the repository root (or pass -Dlethe.root=...): no " + root.resolve("lethe"));
        }
        String key = randomKey();
        System.out.printf("Starting ./lethe up (cores: %d, load: %s)...%n", cores(), loadAverage());
        try (LetheUp lethe = LetheUp.start(root, key, List.of("--logging.level.root=WARN"));
                Connection db = lethe.ownerConnection()) {
            System.out.println("Lethe is up; its log: " + lethe.log());
            long start = System.nanoTime();
            List<UUID> systems = CatalogSeed.seed(db, Tenant.DEFAULT_ID, SYSTEMS, DATASETS_PER_SYSTEM);
            List<UUID> datasets = CatalogSeed.datasetIds(db, Tenant.DEFAULT_ID, 1000);
            System.out.printf(
                    "Seeded %d systems, %d datasets, %d fields in %.1f s%n",
                    count(db, "data_system"),
                    count(db, "dataset"),
                    count(db, "data_field"),
                    (System.nanoTime() - start) / 1e9);

            var api = new Api(lethe.baseUrl(), key);
            HttpResponse<String> rebuilt = api.post("/api/v1/catalog/search/rebuild");
            System.out.println("Rebuild: " + rebuilt.statusCode() + " " + rebuilt.body());

            String datasetCursor = firstId(api.get("/api/v1/datasets?offset=9899&limit=1"));
            String fieldCursor = firstId(api.get("/api/v1/fields?offset=99899&limit=1"));
            Map<String, IntFunction<String>> probes = probes(systems, datasets, datasetCursor, fieldCursor);
            run(api, probes, warmUp);
            Map<String, Latencies> measured = run(api, probes, rounds);
            print(measured, rounds);
            System.out.printf("load average at the end: %s%n", loadAverage());
        }
    }

    /** The id of the first item of a list page. */
    private static String firstId(HttpResponse<String> page) {
        var id = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(page.body());
        if (page.statusCode() != 200 || !id.find()) {
            throw new IllegalStateException("No id in " + page.statusCode() + " " + page.body());
        }
        return id.group(1);
    }

    /** Every kind of request by name; the argument is the round, to vary ids and queries. */
    private static Map<String, IntFunction<String>> probes(
            List<UUID> systems, List<UUID> datasets, String datasetCursor, String fieldCursor) {
        var probes = new LinkedHashMap<String, IntFunction<String>>();
        probes.put("baseline: GET /api/v1/systems/{id}", i -> "/api/v1/systems/" + pick(systems, i));
        probes.put("baseline: GET /actuator/health", i -> "/actuator/health");
        probes.put("datasets, first page", i -> "/api/v1/datasets?limit=100");
        probes.put("datasets, page at offset 9,900", i -> "/api/v1/datasets?offset=9900&limit=100");
        probes.put(
                "datasets, page after the 9,900th (cursor)",
                i -> "/api/v1/datasets?after=" + datasetCursor + "&limit=100");
        probes.put("datasets of one system", i -> "/api/v1/datasets?systemId=" + pick(systems, i) + "&limit=100");
        probes.put("fields, first page", i -> "/api/v1/fields?limit=100");
        probes.put("fields, page at offset 99,900", i -> "/api/v1/fields?offset=99900&limit=100");
        probes.put(
                "fields, page after the 99,900th (cursor)", i -> "/api/v1/fields?after=" + fieldCursor + "&limit=100");
        probes.put("fields of one dataset", i -> "/api/v1/fields?datasetId=" + pick(datasets, i));
        probes.put("search by name: 'email' / 'iban' / 'ip_address'", i -> search(i, "email", "iban", "ip_address"));
        probes.put(
                "search by description: 'invoices' / 'support conversations'",
                i -> search(i, "invoices", "support conversations"));
        probes.put("search by category: 'phone' / 'date of birth'", i -> search(i, "phone", "date of birth"));
        return probes;
    }

    private static Map<String, Latencies> run(Api api, Map<String, IntFunction<String>> probes, int rounds)
            throws Exception {
        var latencies = new LinkedHashMap<String, Latencies>();
        probes.keySet().forEach(name -> latencies.put(name, new Latencies()));
        for (int round = 0; round < rounds; round++) {
            for (var probe : probes.entrySet()) {
                String path = probe.getValue().apply(round);
                long start = System.nanoTime();
                HttpResponse<String> response = api.get(path);
                long elapsed = System.nanoTime() - start;
                if (response.statusCode() != 200 || response.body().contains("\"hits\":[]")) {
                    throw new IllegalStateException(
                            "GET " + path + " -> " + response.statusCode() + " " + response.body());
                }
                latencies.get(probe.getKey()).add(elapsed, response.body().length());
            }
        }
        return latencies;
    }

    private static void print(Map<String, Latencies> measured, int rounds) {
        double baseline = measured.values().iterator().next().percentileMs(50);
        System.out.printf("%n%d requests of each kind, sequential, one connection%n%n", rounds);
        System.out.println("| request | p50 ms | p95 ms | p99 ms | max ms | p50 / baseline | mean body |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        measured.forEach((name, latency) -> System.out.printf(
                "| %s | %.1f | %.1f | %.1f | %.1f | %.1fx | %,d B |%n",
                name,
                latency.percentileMs(50),
                latency.percentileMs(95),
                latency.percentileMs(99),
                latency.maxMs(),
                latency.percentileMs(50) / baseline,
                latency.meanBytes()));
    }

    private static String search(int round, String... queries) {
        String query = queries[round % queries.length];
        return "/api/v1/catalog/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static UUID pick(List<UUID> ids, int round) {
        return ids.get(Math.floorMod(round * 7919, ids.size()));
    }

    private static long count(Connection db, String table) throws Exception {
        try (var rows = db.createStatement().executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String randomKey() {
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** The API over one HTTP/1.1 keep-alive connection with the bootstrap key. */
    private record Api(String baseUrl, String key, HttpClient http) {

        Api(String baseUrl, String key) {
            this(
                    baseUrl,
                    key,
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path) throws Exception {
            return http.send(
                    request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + key);
        }
    }
}
