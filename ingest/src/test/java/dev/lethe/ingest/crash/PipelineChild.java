package dev.lethe.ingest.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@link PipelineProcess} JVM, started with this JVM's {@code java} and class path, its output in
 * a log file of its own. {@link #kill} is {@code kill -9}; {@link #stop} is a polite SIGTERM.
 */
final class PipelineChild {

    private static final Pattern PROGRESS = Pattern.compile("progress: (\\d+) records committed");

    private final String instance;
    private final Path log;
    private final Process process;

    private PipelineChild(String instance, Path log, Process process) {
        this.instance = instance;
        this.log = log;
        this.process = process;
    }

    /** @param arguments the {@code name=value} arguments of {@link PipelineProcess}, without the instance */
    static PipelineChild start(String instance, int generation, List<String> arguments, Path logDir) {
        Path log = logDir.resolve(instance + "-" + generation + ".log");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Dlethe.crash.child=" + instance,
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                PipelineProcess.class.getName(),
                "instance=" + instance));
        command.addAll(arguments);
        try {
            Files.createDirectories(logDir);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new PipelineChild(instance, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String instance() {
        return instance;
    }

    /** SIGKILL: no shutdown hook, no clean-up; an open transaction stays open until fenced. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then waits for the workers to finish their batches and leave the group. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(instance + " did not stop within 30 s");
        }
    }

    /** Fails when the process ended by itself: it should run until killed or stopped. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    instance + " exited by itself with " + process.exitValue() + ":\n" + tail(40));
        }
    }

    /** Records this process has committed so far, as it reports them in its log every half second. */
    long committed() {
        try {
            List<String> all = Files.readAllLines(log);
            for (int i = all.size() - 1; i >= 0; i--) {
                Matcher progress = PROGRESS.matcher(all.get(i));
                if (progress.find()) {
                    return Long.parseLong(progress.group(1));
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return "--- " + log + " ---\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "--- " + log + ": " + e.getMessage();
        }
    }
}
