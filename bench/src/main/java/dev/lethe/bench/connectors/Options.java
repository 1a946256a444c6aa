package dev.lethe.bench.connectors;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bench's command line: {@code --name value} pairs, each with a default. */
record Options(
        long rows,
        int subjects,
        int warmUp,
        List<Integer> batchSizes,
        int readerBatchSize,
        int readers,
        long readerPauseMillis,
        long baselineSeconds,
        Path out) {

    private static final Set<String> NAMES = Set.of(
            "rows",
            "subjects",
            "warm-up",
            "batch-sizes",
            "reader-batch-size",
            "readers",
            "reader-pause-ms",
            "baseline-seconds",
            "out");

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
                Long.parseLong(given.getOrDefault("rows", "1000000")),
                Integer.parseInt(given.getOrDefault("subjects", "20")),
                Integer.parseInt(given.getOrDefault("warm-up", "3")),
                Arrays.stream(given.getOrDefault("batch-sizes", "1000,10000,50000")
                                .split(","))
                        .map(String::strip)
                        .map(Integer::valueOf)
                        .toList(),
                Integer.parseInt(given.getOrDefault("reader-batch-size", "10000")),
                Integer.parseInt(given.getOrDefault("readers", "3")),
                Long.parseLong(given.getOrDefault("reader-pause-ms", "5")),
                Long.parseLong(given.getOrDefault("baseline-seconds", "10")),
                Path.of(given.getOrDefault("out", "bench/target/connectors.md")));
        if (options.rows < 100 || options.subjects < 1 || options.warmUp < 0 || options.readers < 1) {
            throw new IllegalArgumentException("needs --rows ≥ 100, --subjects ≥ 1, --warm-up ≥ 0, --readers ≥ 1");
        }
        return options;
    }
}
