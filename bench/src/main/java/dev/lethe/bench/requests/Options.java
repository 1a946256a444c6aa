package dev.lethe.bench.requests;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bench's command line: {@code --name value} pairs, each with a default small enough to run in a
 * few minutes. The targets need {@code --requests 1000 --rows 1000000 --locator-entries
 * 10000000}.
 *
 * @param requests erasure requests filed and approved at once (distinct subjects)
 * @param customers ordinary customers in each shop (at least {@code requests + 2}: the last two are the
 *     warm-up request's and the one ordinary erasure timed beside the heavy one), three orders each
 * @param rows orders the one heavy subject owns in each of the five systems (and the baseline subject
 *     as many again)
 * @param locatorEntries locator entries indexed before locating
 * @param entriesPerSubject locator entries per subject
 * @param locates locates measured (after a tenth as many for warm-up)
 * @param concurrency activities and workflow tasks the worker runs at once
 * @param filers threads filing and approving requests at once
 * @param phases which measurements to run: {@code requests} (1), {@code heavy} (2), {@code locator} (3)
 */
record Options(
        int requests,
        long customers,
        long rows,
        long locatorEntries,
        int entriesPerSubject,
        int locates,
        int concurrency,
        int filers,
        long timeoutMinutes,
        Set<String> phases,
        Path out) {

    /** What can be measured; {@code --phases} picks some (all by default). */
    static final Set<String> PHASES = Set.of("requests", "heavy", "locator");

    private static final Set<String> NAMES = Set.of(
            "requests",
            "customers",
            "rows",
            "locator-entries",
            "entries-per-subject",
            "locates",
            "concurrency",
            "filers",
            "timeout-minutes",
            "phases",
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
        int requests = Integer.parseInt(given.getOrDefault("requests", "100"));
        var options = new Options(
                requests,
                Long.parseLong(given.getOrDefault("customers", Integer.toString(Math.max(requests + 2, 10_000)))),
                Long.parseLong(given.getOrDefault("rows", "100000")),
                Long.parseLong(given.getOrDefault("locator-entries", "1000000")),
                Integer.parseInt(given.getOrDefault("entries-per-subject", "10")),
                Integer.parseInt(given.getOrDefault("locates", "2000")),
                Integer.parseInt(given.getOrDefault("concurrency", "16")),
                Integer.parseInt(given.getOrDefault("filers", "8")),
                Long.parseLong(given.getOrDefault("timeout-minutes", "30")),
                Set.of(given.getOrDefault("phases", "requests,heavy,locator").split(",")),
                Path.of(given.getOrDefault("out", "bench/target/requests.md")));
        if (options.requests < 1
                || options.customers < options.requests + 2
                || options.rows < 1
                || options.locatorEntries < options.entriesPerSubject
                || options.entriesPerSubject < 1
                || options.locates < 1
                || options.concurrency < 1
                || options.concurrency > 80
                || options.filers < 1
                || options.phases.isEmpty()
                || !PHASES.containsAll(options.phases)) {
            throw new IllegalArgumentException("needs --requests ≥ 1, --customers ≥ --requests + 2, --rows ≥ 1,"
                    + " --locator-entries ≥ --entries-per-subject ≥ 1, --locates ≥ 1, 1 ≤ --concurrency ≤ 80,"
                    + " --filers ≥ 1, --phases among " + PHASES);
        }
        return options;
    }
}
