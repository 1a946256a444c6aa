package dev.lethe.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one), in its own JVM from the Kafka
 * jars on this JVM's class path, so it behaves as in production and can be killed on its own.
 */
final class KafkaBroker implements LocalService {

    private final Path home;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private ChildProcess process;

    KafkaBroker(Path home, int port, int controllerPort, String heap) {
        this.home = home;
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
    }

    @Override
    public String displayName() {
        return "Kafka";
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void stopLeftovers() throws IOException {
        ChildProcess.stopLeftover(home.resolve("kafka.pid"), homeMarker());
    }

    @Override
    public void start() throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("logs"));
        Path config = writeConfig();
        Path logback = writeLogConfig();
        if (!Files.exists(home.resolve("logs/meta.properties"))) {
            format(config, logback);
        }
        process = ChildProcess.start(
                displayName(),
                java(logback, "kafka.Kafka", config.toString()),
                home.resolve("kafka.log"),
                home.resolve("kafka.pid"));
    }

    /** Waits until the broker answers a metadata request. */
    void awaitReady(Duration timeout) throws InterruptedException {
        process.awaitReady(
                this::isHealthy,
                timeout,
                Duration.ofMillis(250),
                () -> ChildProcess.tail(home.resolve("kafka.log"), 30));
    }

    @Override
    public boolean isHealthy() {
        if (process == null || !process.isAlive() || !Ports.isListening(port)) {
            return false;
        }
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
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

    private void format(Path config, Path logback) throws IOException, InterruptedException {
        String clusterId = Uuid.randomUuid().toString();
        Process formatting = java(
                        logback, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("kafka.log").toFile()))
                .start();
        if (!formatting.waitFor(2, TimeUnit.MINUTES) || formatting.exitValue() != 0) {
            formatting.destroyForcibly();
            throw new LocalServiceException("Formatting Kafka's log directory failed. Last lines of "
                    + home.resolve("kafka.log") + ":\n" + ChildProcess.tail(home.resolve("kafka.log"), 30));
        }
    }

    private ProcessBuilder java(Path logback, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                JavaRuntime.executable(),
                homeMarker(),
                "-Xms" + heap,
                "-Xmx" + heap,
                "-XX:+UseG1GC",
                "-Dlogback.configurationFile=" + logback,
                "-cp",
                JavaRuntime.classPath(),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(home.toFile());
    }

    /**
     * Comes first on the command line: the kernel's copy of a long command line (the class path
     * is long) may be cut short for readers, and a leftover broker must still be recognisable.
     */
    private String homeMarker() {
        return "-Dlethe.service.home=" + home;
    }

    private Path writeConfig() throws IOException {
        var properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", home.resolve("logs").toString()),
                // Topics are declared by the code that owns them, as in production.
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "3"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        Path file = home.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            properties.store(out, "Written by Lethe at each start; edits are overwritten");
        }
        return file;
    }

    private Path writeLogConfig() throws IOException {
        Path file = home.resolve("logback.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{ISO8601} %-5level [%logger{20}] %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.kafka" level="INFO"/>
                  <logger name="kafka" level="INFO"/>
                  <root level="WARN"><appender-ref ref="out"/></root>
                </configuration>
                """);
        return file;
    }
}
