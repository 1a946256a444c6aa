package dev.lethe.bench.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used so far by this JVM and by the services it started (the Kafka broker and Elasticsearch run
 * as child processes), from {@code /proc/<pid>/stat}: the share of each per record tells where the
 * machine's time goes in a run, whatever else the machine was doing meanwhile (Linux only; elsewhere the
 * children count as zero).
 */
final class ProcessCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat} on Linux ({@code getconf CLK_TCK}). */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {}

    /** CPU nanoseconds by process: {@code bench JVM}, {@code Kafka broker}, {@code Elasticsearch}, {@code other}. */
    static Map<String, Long> snapshot() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpu.put("bench JVM", processCpuNanos());
        cpu.put("Kafka broker", 0L);
        cpu.put("Elasticsearch", 0L);
        cpu.put("other", 0L);
        ProcessHandle.current().descendants().forEach(child -> {
            String command = child.info().commandLine().orElse("");
            String name = command.contains("kafka")
                    ? "Kafka broker"
                    : command.contains("elasticsearch") ? "Elasticsearch" : "other";
            cpu.merge(name, childCpuNanos(child.pid()), Long::sum);
        });
        return cpu;
    }

    /** Per record, in microseconds: what each process used between two snapshots. */
    static String perRecord(Map<String, Long> before, Map<String, Long> after, long records) {
        var text = new StringBuilder("CPU µs per record:");
        long total = 0;
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            long used = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            total += used;
            text.append(String.format(" %s %.1f,", entry.getKey(), used / 1e3 / records));
        }
        return text.append(String.format(" total %.1f", total / 1e3 / records)).toString();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long childCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return 0; // gone, or not Linux
        }
    }
}
