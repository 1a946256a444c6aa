package dev.lethe.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real single-node Elasticsearch on loopback, security off, as a child process. As root it runs
 * as the unprivileged user {@value RunAs#USER}, because Elasticsearch refuses root.
 */
final class ElasticsearchNode implements LocalService {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path base;
    private final LocalServicesSettings.Elasticsearch settings;
    private final HttpTls tls;
    private final HttpClient http;
    private ChildProcess process;

    ElasticsearchNode(Path base, LocalServicesSettings.Elasticsearch settings) {
        this(base, settings, null);
    }

    /**
     * @param tls HTTPS with this certificate and key, security on (anonymous requests get the {@code superuser}
     *     role: the test is TLS, not authorization); null for plain HTTP with security off, the default
     */
    ElasticsearchNode(Path base, LocalServicesSettings.Elasticsearch settings, HttpTls tls) {
        this.base = base;
        this.settings = settings;
        this.tls = tls;
        this.http = tls == null
                ? HTTP
                : HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .sslContext(tls.trusting())
                        .build();
    }

    /**
     * Where the node keeps config, data and logs: under the data directory, unless running as root
     * where the unprivileged user can't reach it (a data directory under /root, say).
     */
    static Path baseFor(Path dataDir) throws IOException {
        Path wanted = dataDir.resolve("elasticsearch");
        if (!RunAs.isRoot() || RunAs.reachableByOthers(wanted)) {
            return wanted;
        }
        return Path.of("/var/lib/lethe", "elasticsearch-" + shortHash(dataDir.toString()));
    }

    @Override
    public String displayName() {
        return "Elasticsearch";
    }

    String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + settings.port();
    }

    @Override
    public void stopLeftovers() throws IOException {
        ChildProcess.stopLeftover(
                base.resolve("elasticsearch.pid"), base.resolve("config").toString());
    }

    @Override
    public void start() throws IOException, InterruptedException {
        Path cacheDir = settings.cacheDir() != null ? settings.cacheDir() : ElasticsearchDistribution.defaultCacheDir();
        Path home = ElasticsearchDistribution.home(settings.distribution(), cacheDir);
        Path config = base.resolve("config");
        Files.createDirectories(base.resolve("data"));
        Files.createDirectories(base.resolve("logs"));
        copyConfigOnce(home.resolve("config"), config);
        if (tls != null) {
            tls.copyInto(config);
        }
        List<String> command = new ArrayList<>();
        if (RunAs.isRoot()) {
            RunAs.ensureUser();
            RunAs.chown(base);
            command.addAll(List.of("runuser", "-u", RunAs.USER, "--"));
        }
        command.addAll(List.of(
                "env",
                "ES_JAVA_HOME=" + JavaRuntime.home(),
                "ES_PATH_CONF=" + config,
                "ES_JAVA_OPTS=-Xms" + settings.heap() + " -Xmx" + settings.heap(),
                home.resolve("bin/elasticsearch").toString(),
                "-E",
                "cluster.name=lethe",
                "-E",
                "node.name=lethe-local",
                "-E",
                "discovery.type=single-node",
                "-E",
                "network.host=127.0.0.1",
                "-E",
                "http.port=" + settings.port(),
                "-E",
                "transport.port=" + settings.transportPort(),
                "-E",
                "path.data=" + base.resolve("data"),
                "-E",
                "path.logs=" + base.resolve("logs"),
                // A nearly full developer disk must not turn every index read-only.
                "-E",
                "cluster.routing.allocation.disk.threshold_enabled=false"));
        command.addAll(tls == null ? List.of("-E", "xpack.security.enabled=false") : tls.settings());
        process = ChildProcess.start(
                displayName(),
                new ProcessBuilder(command).directory(base.toFile()),
                base.resolve("elasticsearch.out"),
                base.resolve("elasticsearch.pid"));
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        process.awaitReady(this::isHealthy, timeout, Duration.ofMillis(500), this::logTail);
    }

    @Override
    public boolean isHealthy() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url() + "/_cluster/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && !response.body().contains("\"status\":\"red\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
            process = null;
        }
    }

    private String logTail() {
        Path log = base.resolve("logs/lethe.log");
        return (Files.exists(log) ? ChildProcess.tail(log, 20) + "\n" : "")
                + ChildProcess.tail(base.resolve("elasticsearch.out"), 20);
    }

    /** Elasticsearch writes into its config directory (the keystore), so each node gets its own copy. */
    private static void copyConfigOnce(Path from, Path to) throws IOException {
        if (Files.exists(to.resolve("elasticsearch.yml"))) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
