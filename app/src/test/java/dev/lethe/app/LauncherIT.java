package dev.lethe.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.api.OpenApiIT;
import java.io.IOException;
import java.net.InetAddress;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    /** JUnit makes temporary directories private; Elasticsearch's unprivileged user must reach in. */
    @BeforeEach
    void letElasticsearchIn() throws IOException {
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private final int httpPort = freePort();
    private final int postgresPort = freePort();
    private final List<String> ports = List.of(
            "--lethe.infra.postgres.port=" + postgresPort,
            "--lethe.infra.kafka.port=" + freePort(),
            "--lethe.infra.kafka.controller-port=" + freePort(),
            "--lethe.infra.elasticsearch.port=" + freePort(),
            "--lethe.infra.elasticsearch.transport-port=" + freePort(),
            "--lethe.infra.temporal.port=" + freePort());

    /** Whatever a failed assertion left running would hold ports and memory for the rest of the build. */
    @AfterEach
    void stopLeftovers() {
        ProcessHandle.allProcesses()
                .filter(process -> commandLine(process).contains(dataDir.toString()))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void upServesHealthyServicesKeepsDataAcrossRestartsAndCleansUpAfterACrash() throws Exception {
        Process first = up();
        awaitAllComponentsUp(first);
        theApiDescribesItself();
        try (Connection db = database()) {
            db.createStatement().execute("create table launcher_kept (note text)");
            db.createStatement().execute("insert into launcher_kept values ('kept')");
        }
        stopLikeCtrlC(first);
        assertThat(processesUsing(dataDir)).as("processes left behind").isEmpty();

        Process second = up();
        awaitAllComponentsUp(second);
        try (Connection db = database();
                var rows = db.createStatement().executeQuery("select note from launcher_kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
        crash(second);
        assertThat(processesUsing(dataDir)).as("services orphaned by the crash").isNotEmpty();

        Process third = up();
        try {
            awaitAllComponentsUp(third);
        } finally {
            stopLikeCtrlC(third);
        }
        assertThat(processesUsing(dataDir)).as("processes left behind").isEmpty();
    }

    @Test
    void theProdProfileRefusesToStartWithoutItsServicesAndNamesTheProperties() throws Exception {
        Process lethe = new ProcessBuilder("bash", ROOT.resolve("lethe").toString(), "up", "--profile", "prod")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("lethe-up.log").toFile()))
                .start();

        assertThat(lethe.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(lethe.exitValue()).isNotZero();
        assertThat(Files.readString(dataDir.resolve("lethe-up.log")))
                .contains(
                        "PostgreSQL is not configured: set spring.datasource.url (environment: SPRING_DATASOURCE_URL)")
                .contains("spring.kafka.bootstrap-servers")
                .contains("spring.elasticsearch.uris")
                .contains("lethe.temporal.target");
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

    /**
     * {@code /v3/api-docs} on the launched class path, not the test's: it once answered 500 there
     * (a class missing from the launcher's class path) while the test context served it.
     */
    private void theApiDescribesItself() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/v3/api-docs"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var parsed = OpenApiIT.parse(response.body());
        assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).containsKey("/api/v1/requests/{id}");
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsKeys("apiKey", "jwt");
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
    private void stopLikeCtrlC(Process lethe) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(lethe.pid())).start().waitFor();
        assertThat(lethe.waitFor(90, TimeUnit.SECONDS)).as("./lethe stopped").isTrue();
        assertThat(lethe.exitValue())
                .as("exit code of ./lethe up; its output:\n" + log())
                .isZero();
    }

    /** kill -9 of Lethe's JVM: its services live on until the next start finds them. */
    private static void crash(Process launcher) throws Exception {
        ProcessHandle jvm = launcher.toHandle()
                .children()
                .filter(child -> child.info().command().orElse("").endsWith("/java"))
                .findFirst()
                .orElseThrow();
        new ProcessBuilder("kill", "-KILL", Long.toString(jvm.pid())).start().waitFor();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/lethe", "postgres", "");
    }

    /** Reads /proc itself: ProcessHandle cuts long command lines (class paths) short. */
    private static List<String> processesUsing(Path dataDir) {
        return ProcessHandle.allProcesses()
                .filter(process -> commandLine(process).contains(dataDir.toString()))
                .map(process -> process.pid() + " " + process.info().command().orElse(""))
                .toList();
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")))
                    .replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /** The errors first (a service that failed to start says why early, then pages of shut-down), then the tail. */
    private String log() throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("lethe-up.log"));
        List<String> errors = lines.stream()
                .filter(line -> line.contains(" ERROR ") || line.contains("FATAL") || line.startsWith("Caused by"))
                .limit(40)
                .toList();
        return "errors:\n" + String.join("\n", errors) + "\nlast lines:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
