package dev.lethe.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A service running as a child process, with its output in a log file and its pid in a pid file.
 *
 * <p>The pid file lets the next start stop a process that a killed parent left behind, so that a
 * crash never leaves a port occupied or a data directory locked by an orphan.
 */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;

    private ChildProcess(String name, Process process, Path logFile, Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    static ChildProcess start(String name, ProcessBuilder builder, Path logFile, Path pidFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Process process = builder.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        return new ChildProcess(name, process, logFile, pidFile);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Polls {@code ready} until it holds; fails with the tail of {@code log} when the process exits
     * first or the timeout passes.
     */
    void awaitReady(BooleanSupplier ready, Duration timeout, Duration interval, Supplier<String> log)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new LocalServiceException(name + " exited with code " + process.exitValue()
                        + " while starting. Last lines of its log:\n" + log.get());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            Thread.sleep(interval.toMillis());
        }
        throw new LocalServiceException(
                name + " did not become ready within " + timeout + ". Last lines of its log:\n" + log.get());
    }

    /** Asks the process and its children to stop, then forces them after the grace period. */
    void stop(Duration grace) {
        terminate(process.toHandle(), grace);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // The next start checks whether the recorded pid is still a live process.
        }
    }

    /** Politely first (SIGTERM to the process and its descendants), by force after {@code grace}. */
    private static void terminate(ProcessHandle process, Duration grace) {
        List<ProcessHandle> tree =
                Stream.concat(process.descendants(), Stream.of(process)).toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception timeoutOrInterrupt) {
                handle.destroyForcibly();
            }
        }
    }

    /**
     * Stops a process recorded by a previous run that did not get to stop it itself.
     *
     * @param marker a string early in the command line (e.g. a path under the data directory)
     *     that identifies a leftover of ours, so a recycled pid never takes an unrelated process down
     */
    static void stopLeftover(Path pidFile, String marker) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        readPid(pidFile)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().orElse("").contains(marker))
                .ifPresent(handle -> terminate(handle, Duration.ofSeconds(30)));
        Files.deleteIfExists(pidFile);
    }

    /** The pid on the file's first line (PostgreSQL's postmaster.pid has more lines after it). */
    private static Optional<Long> readPid(Path pidFile) throws IOException {
        try (Stream<String> lines = Files.lines(pidFile)) {
            return Optional.of(Long.parseLong(lines.findFirst().orElse("").trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        var last = new ArrayDeque<String>(lines);
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
        return String.join("\n", last);
    }
}
