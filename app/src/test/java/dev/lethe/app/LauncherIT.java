package dev.lethe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Drives {@code ./lethe up} as a user does: start, check health, Ctrl-C, start again on the same
 * data directory. Uses its own ports and data directory, so it runs beside the shared services.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String ADMIN_KEY = "launcher-it-admin-key-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private final int httpPort = freePort();
    private final int postgresPort = freePort();
    private final List<String> ports = List.of(
            "--lethe.infra.postgres.port=" + postgresPort,
            "--lethe.infra.kafka.port=" + freePort(),
            "--lethe.infra.kafka.controller-port=" + freePort(),
            "--lethe.infra.elasticsearch.port=" + freePort(),
            "--lethe.infra.elasticsearch.transport-port=" + freePort(),
            "--lethe.infra.temporal.port=" + freePort());

    @Test
    void upServesHealthyServicesStopsCleanlyOnCtrlCAndKeepsDataForTheNextStart() throws Exception {
        Process first = up();
        awaitAllComponentsUp(first);
        try (Connection db = database()) {
            db.createStatement().execute("create table launcher_kept (note text)");
            db.createStatement().execute("insert into launcher_kept values ('kept')");
        }
        stopLikeCtrlC(first);
        assertThat(processesUsing(dataDir)).as("processes left behind").isEmpty();

        Process second = up();
        try {
            awaitAllComponentsUp(second);
            try (Connection db = database();
                    var rows = db.createStatement().executeQuery("select note from launcher_kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept");
            }
        } finally {
            stopLikeCtrlC(second);
        }
        assertThat(processesUsing(dataDir)).as("processes left behind").isEmpty();
    }

    private Process up() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "bash",
                ROOT.resolve("lethe").toString(),
                "up",
                "--data-dir",
                dataDir.toString(),
                "--port",
                Integer.toString(httpPort)));
        command.addAll(ports);
        var builder = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("lethe-up.log").toFile()));
        builder.environment().put("LETHE_BOOTSTRAP_API_KEY", ADMIN_KEY);
        return builder.start();
    }

    private void awaitAllComponentsUp(Process lethe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(lethe.isAlive())
                    .as("./lethe up exited; its output:\n" + log())
                    .isTrue();
            JsonNode health = health();
            if (health != null && "UP".equals(health.path("status").asString())) {
                JsonNode components = health.get("components");
                for (String service : List.of("db", "kafka", "elasticsearch", "temporal")) {
                    assertThat(components.path(service).path("status").asString())
                            .as(service)
                            .isEqualTo("UP");
                }
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("Lethe was not up within 3 minutes; its output:\n" + log());
    }

    private JsonNode health() throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/actuator/health"))
                            .header("Authorization", "Bearer " + ADMIN_KEY)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? new ObjectMapper().readTree(response.body()) : null;
        } catch (IOException notYetListening) {
            return null;
        }
    }

    /** What a terminal's Ctrl-C does to the launcher: SIGINT. */
    private static void stopLikeCtrlC(Process lethe) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(lethe.pid())).start().waitFor();
        assertThat(lethe.waitFor(90, TimeUnit.SECONDS)).as("./lethe stopped").isTrue();
        assertThat(lethe.exitValue()).isZero();
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/lethe", "postgres", "");
    }

    private static List<String> processesUsing(Path dataDir) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(dataDir.toString()))
                .map(process ->
                        process.pid() + " " + process.info().commandLine().orElse(""))
                .toList();
    }

    private String log() throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("lethe-up.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
