package dev.lethe.bench.retention;

import dev.lethe.bench.connectors.Machine;
import dev.lethe.bench.connectors.PostgresServer;
import dev.lethe.bench.connectors.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why the purge runs at the rate it does: the same expired prefix of the {@link RetentionBench} table
 * deleted in batches of two statement forms taking turns, batch by batch, on one connection in
 * autocommit as the connector does, so both see the same table, the same dead rows before them and
 * the same load on the machine. Form {@code in} is the PostgreSQL connector's statement today (rows
 * addressed by {@code (tableoid, ctid)}, which a partitioned table needs); form {@code any} is one
 * {@code ctid = any(array(...))} (a single TID scan over the batch's sorted addresses; right for a plain
 * table, or per partition). Also prints each form's plan of one batch ({@code explain analyze} in a
 * transaction that is rolled back). Run from the repository root:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.lethe.bench.retention.BatchForms [rows=20000000] [rounds=100] [batch=10000]
 * </pre>
 */
public final class BatchForms {

    private static final String IN = "delete from public.events where (tableoid, ctid) in (select tableoid, ctid"
            + " from public.events where occurred_at < cast(? as timestamp with time zone) limit ?)";
    private static final String ANY = "delete from public.events where ctid = any(array(select ctid"
            + " from public.events where occurred_at < cast(? as timestamp with time zone) limit ?))";

    private BatchForms() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        if ((long) rounds * 2 * batch > rows / 2) {
            throw new IllegalArgumentException("rounds x 2 x batch must fit in the expired half of the rows");
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Measured %s on %s (%d cores; load average %s at the start).%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Machine.describe().processor(),
                Machine.describe().cores(),
                Machine.loadAverage()));
        try (PostgresServer server = PostgresServer.start(Map.of("shared_buffers", "1GB", "max_wal_size", "4GB"))) {
            var table = new EventTable(server, rows);
            System.out.printf("loading %,d rows%n", rows);
            System.out.printf("loaded in %.0f s%n", table.load());
            try (Connection connection = server.connect(EventTable.DATABASE, "bench-forms");
                    PreparedStatement in = connection.prepareStatement(IN);
                    PreparedStatement any = connection.prepareStatement(ANY)) {
                out.append("One batch of each form on the fresh table:\n\n").append(plans(connection, batch));
                Samples inTimes = new Samples();
                Samples anyTimes = new Samples();
                for (int round = 0; round < rounds; round++) {
                    inTimes.add(batch(in, batch));
                    anyTimes.add(batch(any, batch));
                }
                out.append(String.format(
                        Locale.ROOT,
                        "%d batches of %,d each, taking turns, on %,d rows (load average %s at the end):%n%n"
                                + "| form | median ms per batch | p90 ms | max ms | rows/s at the median |%n"
                                + "|---|---:|---:|---:|---:|%n",
                        rounds,
                        batch,
                        rows,
                        Machine.loadAverage()));
                for (var form : List.of(
                        Map.entry("`(tableoid, ctid) in (…)` (the connector's today)", inTimes),
                        Map.entry("`ctid = any(array(…))`", anyTimes))) {
                    Samples times = form.getValue();
                    out.append(String.format(
                            Locale.ROOT,
                            "| %s | %.1f | %.1f | %.1f | %,.0f |%n",
                            form.getKey(),
                            times.medianMs(),
                            times.percentileMs(90),
                            times.maxMs(),
                            batch / (times.medianMs() / 1000)));
                }
                // The same plans after the batches: what the index scan now walks past before it finds a row.
                out.append(String.format(
                                Locale.ROOT, "%nThe same after %,d rows were deleted:%n%n", 2L * rounds * batch))
                        .append(plans(connection, batch));
            }
        }
        Path file = Path.of("bench/target/retention-forms.md");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out);
        System.out.println(out);
        System.out.println("written to " + file);
    }

    private static long batch(PreparedStatement statement, int batch) throws SQLException {
        statement.setString(1, EventTable.CUTOFF.toString());
        statement.setInt(2, batch);
        long start = System.nanoTime();
        int deleted = statement.executeUpdate();
        long elapsed = System.nanoTime() - start;
        if (deleted != batch) {
            throw new IllegalStateException("a batch deleted " + deleted + " rows, not " + batch);
        }
        return elapsed;
    }

    /** One batch of each form under {@code explain (analyze, buffers)}, rolled back. */
    private static String plans(Connection connection, int batch) throws SQLException {
        StringBuilder plans = new StringBuilder();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String form : List.of(IN, ANY)) {
                String sql = form.replaceFirst("\\?", "'" + EventTable.CUTOFF + "'")
                        .replaceFirst("\\?", Integer.toString(batch));
                plans.append("```\n").append(sql).append("\n\n");
                try (ResultSet plan = statement.executeQuery("explain (analyze, buffers, costs off) " + sql)) {
                    while (plan.next()) {
                        plans.append(plan.getString(1)).append('\n');
                    }
                }
                plans.append("```\n\n");
                connection.rollback();
            }
        } finally {
            connection.setAutoCommit(true);
        }
        return plans.toString();
    }
}
