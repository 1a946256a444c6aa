package dev.lethe.bench.catalog;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./lethe up} as a child process, as a user starts it: its own data directory and free
 * ports (so it runs beside anything else), a bootstrap ADMIN key, stopped like Ctrl-C.
 */
final class LetheUp implements AutoCloseable {

    private final Path dataDir;
    private final int httpPort = freePort();
    private final int postgresPort = freePort();
    private final Process process;

    private LetheUp(Path root, String adminKey, List<String> extraArgs) throws IOException {
        dataDir = Files.createTempDirectory("lethe-bench-");
        // Elasticsearch runs as an unprivileged user when started by root and must reach in.
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of(
                "bash",
                root.resolve("lethe").toString(),
                "up",
                "--data-dir",
                dataDir.toString(),
                "--port",
                Integer.toString(httpPort),
                "--lethe.infra.postgres.port=" + postgresPort,
                "--lethe.infra.kafka.port=" + freePort(),
                "--lethe.infra.kafka.controller-port=" + freePort(),
                "--lethe.infra.elasticsearch.port=" + freePort(),
                "--lethe.infra.elasticsearch.transport-port=" + freePort(),
                "--lethe.infra.temporal.port=" + freePort(),
                // Counted as in production (the limiter's cost is in the figures), never refused: a
                // bench from one address with one key would otherwise measure 429s.
                "--lethe.security.rate-limits.per-ip.capacity=100000000",
                "--lethe.security.rate-limits.per-key.capacity=100000000",
                "--lethe.security.rate-limits.per-user.capacity=100000000"));
        command.addAll(extraArgs);
        var builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().put("LETHE_BOOTSTRAP_API_KEY", adminKey);
        process = builder.start();
    }

    /** Starts Lethe from the repository {@code root} and waits until its health is UP. */
    static LetheUp start(Path root, String adminKey, List<String> extraArgs) throws Exception {
        var lethe = new LetheUp(root, adminKey, extraArgs);
        try {
            lethe.awaitUp(Duration.ofMinutes(5));
        } catch (Exception | Error e) {
            lethe.close();
            throw e;
        }
        return lethe;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    Path log() {
        return dataDir.resolve("lethe-up.log");
    }

    /** The application's database as the superuser (no row-level security): for seeding. */
    Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/lethe", "postgres", "");
    }

    /** SIGINT, like Ctrl-C: Lethe stops the app, then each service; forcibly after two minutes. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                        .start()
                        .waitFor();
            }
            if (process.waitFor(2, TimeUnit.MINUTES)) {
                return;
            }
        } catch (IOException e) {
            // fall through to the forcible stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void awaitUp(Duration patience) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("./lethe up exited; see " + log());
            }
            try {
                // Without a key the health is the overall status alone: UP once every service is.
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Lethe was not up within " + patience + "; see " + log());
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
