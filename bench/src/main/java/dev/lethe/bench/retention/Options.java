package dev.lethe.bench.retention;

import dev.lethe.workflows.retention.RetentionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bench's command line: {@code --name value} pairs, each with a default (the sizes and the
 * retention runs' default batch and pause).
 *
 * @param rows rows in the table; the older half is expired
 * @param batch records per batch of the purge
 * @param pause the pause after every batch (the runs' {@code pause-between-batches})
 * @param maxRate records per second at most, 0 = no limit (the runs' {@code max-records-per-second})
 * @param readRate the reader's point queries per second
 * @param baseline how long the reader runs alone before the purge starts
 * @param after how long the reader goes on after the purge (autovacuum of the dead rows)
 */
record Options(
        long rows,
        int batch,
        Duration pause,
        int maxRate,
        int readRate,
        Duration baseline,
        Duration after,
        String sharedBuffers,
        Path out) {

    private static final Set<String> NAMES =
            Set.of("rows", "batch", "pause", "max-rate", "read-rate", "baseline", "after", "shared-buffers", "out");

    static Options parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!NAMES.contains(name) || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: [--name value]... with names " + NAMES + "; got " + args[i]);
            }
            given.put(name, args[++i]);
        }
        var options = new Options(
                Long.parseLong(given.getOrDefault("rows", "20000000").replace("_", "")),
                Integer.parseInt(given.getOrDefault("batch", "10000").replace("_", "")),
                given.containsKey("pause")
                        ? millis(given.get("pause"))
                        : RetentionSettings.defaults().pauseBetweenBatches(),
                Integer.parseInt(given.getOrDefault("max-rate", "0")),
                Integer.parseInt(given.getOrDefault("read-rate", "200")),
                seconds(given.getOrDefault("baseline", "60s")),
                seconds(given.getOrDefault("after", "30s")),
                given.getOrDefault("shared-buffers", "1GB"),
                Path.of(given.getOrDefault("out", "bench/target/retention.md")));
        if (options.rows < 1000
                || options.batch < 1
                || options.batch > 100_000
                || options.maxRate < 0
                || options.readRate < 1
                || options.readRate > 10_000
                || options.baseline.isZero()) {
            throw new IllegalArgumentException("needs --rows ≥ 1000, --batch 1..100000, --max-rate ≥ 0,"
                    + " --read-rate 1..10000, --baseline > 0s");
        }
        return options;
    }

    long expired() {
        return rows / 2;
    }

    /** {@code 50ms}, {@code 0} or a plain number of milliseconds. */
    private static Duration millis(String value) {
        return Duration.ofMillis(Long.parseLong(value.strip().replaceFirst("ms$", "")));
    }

    /** {@code 60s} or a plain number of seconds. */
    private static Duration seconds(String value) {
        return Duration.ofSeconds(Long.parseLong(value.strip().replaceFirst("s$", "")));
    }
}
