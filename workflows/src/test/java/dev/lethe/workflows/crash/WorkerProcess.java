package dev.lethe.workflows.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link WorkerChild} JVM, started with this JVM's {@code java} and class path, its output in a
 * log file of its own. {@link #kill} is {@code kill -9}: no shutdown hook, no clean-up.
 */
final class WorkerProcess {

    private final Path log;
    private final Process process;

    private WorkerProcess(Path log, Process process) {
        this.log = log;
        this.process = process;
    }

    static WorkerProcess start(int generation, CrashSettings settings, Path logDir) {
        Path log = logDir.resolve("worker-" + generation + ".log");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                WorkerChild.class.getName()));
        command.addAll(settings.arguments());
        try {
            Files.createDirectories(logDir);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new WorkerProcess(log, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether it polls its task queue yet (it says so in its log once its worker has started). */
    boolean ready() {
        try {
            return Files.exists(log) && Files.readString(log).contains(WorkerChild.READY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Erasure activities (work in a system, verification, shredding, a receipt) it has finished so far. */
    long erasureSteps() {
        try {
            if (!Files.exists(log)) {
                return 0;
            }
            try (var lines = Files.lines(log)) {
                return lines.filter(line -> line.contains("activity runSystem")
                                || line.contains("activity verifySystem")
                                || line.contains("activity shred")
                                || line.contains("activity issueReceipt"))
                        .count();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Fails when the process ended by itself: it should run until killed. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the worker exited by itself with " + process.exitValue() + ":\n" + tail());
        }
    }

    String tail() {
        try {
            List<String> all = Files.readAllLines(log);
            return "--- " + log + " ---\n" + String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
        } catch (IOException e) {
            return "--- " + log + ": " + e.getMessage();
        }
    }
}
