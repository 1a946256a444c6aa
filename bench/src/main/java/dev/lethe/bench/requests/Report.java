package dev.lethe.bench.requests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Markdown the bench writes: the setting, then one section per measurement with its target. */
final class Report {

    private final Options options;
    private final String command;
    private final List<String> setting = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();

    Report(Options options, String command) {
        this.options = options;
        this.command = command;
    }

    void setting(String line) {
        setting.add(line);
    }

    void many(RequestRuns.Many many) {
        Percentiles p = many.approvalToCompletion();
        boolean allCompleted = many.statuses().keySet().stream().allMatch("COMPLETED"::equals);
        sections.add(String.join(
                "\n",
                "## " + format(many.requests()) + " erasure requests at once across five systems",
                "",
                "Each request names one customer (`{email}`) who has a row in `customers` and "
                        + ShopDatabases.ORDERS_EACH
                        + " in `orders` in each of the five systems. All are filed at once ("
                        + options.filers()
                        + " threads, the officer's `RequestManagement.file`, which starts each workflow), each workflow"
                        + " scopes the five systems (`locate`, plan) and waits; once all wait, a second officer approves"
                        + " them all at once (" + options.filers() + " threads). From then on the workflows erase in"
                        + " all five systems, shred the subject's keys, forget their locator entries, verify every"
                        + " system and issue a signed receipt. Times are the request rows' own `approved_at` →"
                        + " `closed_at`.",
                "",
                "| measure | value |",
                "|---|---:|",
                row("filing all (s)", many.filingSeconds()),
                row("filed → all scoped and awaiting approval (s)", many.scopedSeconds()),
                row("approving all (s)", many.approvingSeconds()),
                row("first approval → last completion (s), as the bench saw it", many.completedSeconds()),
                row("throughput, first approval → last completion (requests/s)", many.throughput()),
                row("approval → completion p50 (s)", p.p50()),
                row("approval → completion p95 (s)", p.p95()),
                row("approval → completion max (s)", p.max()),
                "| outcome | "
                        + many.statuses().entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", "))
                        + " |",
                "| the subjects' customer rows left in the five systems | " + many.subjectsLeft() + " |",
                "",
                target(
                        "1,000 requests completed within 5 minutes",
                        many.requests() >= 1000,
                        allCompleted && many.completedSeconds() <= 300,
                        String.format(
                                Locale.ROOT,
                                "%,d requests completed %.1f s after the first approval",
                                many.requests(),
                                many.completedSeconds()))));
    }

    void heavy(RequestRuns.Heavy heavy) {
        sections.add(String.join(
                "\n",
                "## One erasure across five systems of " + format(heavy.rowsPerSystem()) + " rows each",
                "",
                "One subject owns " + format(heavy.rowsPerSystem()) + " rows of `orders` in each of the five systems"
                        + " (" + format(heavy.rowsPerSystem() * 5) + " rows in all) and their row in `customers`;"
                        + " the plan deletes both (orders through the reference). Timed from the second officer's"
                        + " approval to `COMPLETED` (erase in all five in parallel, shred, locator, verification,"
                        + " receipt). Baseline, same run: another subject with as many rows in the same tables,"
                        + " deleted with plain SQL (`delete from orders where customer_id = …` and its customer, one"
                        + " transaction per system, all five at once), no Lethe.",
                "",
                "| measure | value |",
                "|---|---:|",
                row("filed → scoped, awaiting approval (s)", heavy.scopedSeconds()),
                row("approval → completion, from the request row (s)", heavy.approvalToCompletion()),
                row("approval → completion, as the bench saw it (s)", heavy.observedSeconds()),
                "| status | " + heavy.status() + " |",
                "| the subject's rows left | " + heavy.rowsLeft() + " |",
                row(
                        "baseline: plain deletes of " + format(heavy.baselineRows()) + " rows, all five at once (s)",
                        heavy.baselineSeconds()),
                row(
                        "for scale: an ordinary subject (1 + " + ShopDatabases.ORDERS_EACH
                                + " rows per system) in the same systems, approval → completion (s)",
                        heavy.ordinarySeconds()),
                "",
                target(
                        "the single erasure < 10 s end to end",
                        heavy.rowsPerSystem() >= 1_000_000,
                        "COMPLETED".equals(heavy.status()) && heavy.approvalToCompletion() < 10,
                        String.format(Locale.ROOT, "%.2f s", heavy.approvalToCompletion()))));
    }

    void locator(LocatorRun.Figures figures) {
        sections.add(String.join(
                "\n",
                "## Locating one subject among " + format(figures.entries()) + " locator entries",
                "",
                format(figures.entries()) + " entries of " + format(figures.subjects()) + " subjects ("
                        + options.entriesPerSubject() + " each, spread over the whole run) written through ingest's"
                        + " `SubjectLocator` (bulk, 5,000 per request, 2 writers) into one tenant's index; then "
                        + format(figures.locate().count()) + " locates of random subjects, one after another, with the"
                        + " Kafka connector's query (term on `subjectHash`, sorted by topic, partition, offset, pages of"
                        + " 500), each next to the floor: one entry fetched by its id.",
                "",
                "| measure | value |",
                "|---|---:|",
                row("indexing (s)", figures.indexSeconds()),
                row("indexing (entries/s)", figures.entriesPerSecond()),
                "| index size | " + format(figures.indexBytes() / (1024 * 1024)) + " MiB |",
                row("locate p50 (ms)", figures.locate().p50()),
                row("locate p99 (ms)", figures.locate().p99()),
                row("locate max (ms)", figures.locate().max()),
                "| entries found per locate | "
                        + String.format(
                                Locale.ROOT,
                                "%.1f",
                                figures.entriesFound()
                                        / (double) figures.locate().count())
                        + " |",
                row("floor, one entry by id: p50 (ms)", figures.byId().p50()),
                row("floor, one entry by id: p99 (ms)", figures.byId().p99()),
                "",
                target(
                        "locate p99 < 50 ms",
                        figures.entries() >= 10_000_000,
                        figures.locate().p99() < 50,
                        String.format(
                                Locale.ROOT, "p99 %.1f ms", figures.locate().p99()))));
    }

    String markdown() {
        return String.join(
                "\n",
                "# Data-subject requests at scale",
                "",
                String.join("\n\n", setting),
                "",
                "```",
                "./mvnw -q -pl bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt",
                "java -Xmx2g -cp bench/target/classes:$(cat bench/target/classpath.txt)"
                        + " dev.lethe.bench.requests.RequestsBench "
                        + command,
                "```",
                "",
                String.join("\n\n", sections),
                "");
    }

    private static String target(String target, boolean atTargetSize, boolean met, String measured) {
        String verdict = met ? "**met**" : "**not met**";
        return atTargetSize
                ? "Target: " + target + " — " + verdict + ": " + measured + "."
                : "Target: " + target + " — not measured at the target's size here (" + measured + "; "
                        + (met ? "within" : "outside") + " the target at this size).";
    }

    private static String row(String name, double value) {
        return "| " + name + " | " + String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.2f", value) + " |";
    }

    private static String format(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
