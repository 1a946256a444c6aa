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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why the purge runs at the rate it does: the same expired prefix of the {@link RetentionBench} table
 * deleted in batches of three statement forms taking turns, batch by batch, on one connection in
 * autocommit as the connector does, so both see the same table, the same dead rows before them and
 * the same load on the machine: the PostgreSQL connector's statement today (rows addressed by
 * {@code (tableoid, ctid)}, which a partitioned table needs: a hash of the batch's addresses, then one
 * TID scan per row); one {@code ctid = any(array(...))} (a single TID scan over the batch's sorted
 * addresses; right for a plain table, or per partition); and the same starting its index scan at the
 * previous batch's last clock value, so it does not walk past the index entries of the rows deleted
 * before (they stay in the index until a vacuum). Also prints each form's plan of one batch, at the start
 * and after the rounds ({@code explain analyze} in a transaction that is rolled back). Run from the repository root:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.lethe.bench.retention.BatchForms [rows=20000000] [rounds=100] [batch=10000]
 * </pre>
 */
public final class BatchForms {

    /** One way to write a batch; a keyset form starts its scan where its previous batch ended. */
    private record Form(String name, String sql, boolean keyset) {}

    private static final List<Form> FORMS = List.of(
            new Form(
                    "`(tableoid, ctid) in (…)` (the connector's today)",
                    "delete from public.events where (tableoid, ctid) in (select tableoid, ctid from public.events"
                            + " where occurred_at < cast(? as timestamp with time zone) limit ?)",
                    false),
            new Form(
                    "`ctid = any(array(…))`",
                    "delete from public.events where ctid = any(array(select ctid from public.events"
                            + " where occurred_at < cast(? as timestamp with time zone) limit ?))",
                    false),
            new Form(
                    "`ctid = any(array(…))` from the previous batch's last clock value",
                    "with d as (delete from public.events where ctid = any(array(select ctid from public.events"
                            + " where occurred_at >= cast(? as timestamp with time zone)"
                            + " and occurred_at < cast(? as timestamp with time zone) order by occurred_at limit ?))"
                            + " returning occurred_at) select count(*), max(occurred_at)::text from d",
                    true));

    private BatchForms() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        if ((long) rounds * 3 * batch > rows / 2) {
            throw new IllegalArgumentException("rounds x 3 x batch must fit in the expired half of the rows");
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
            try (Connection connection = server.connect(EventTable.DATABASE, "bench-forms")) {
                out.append("One batch of each form on the fresh table:\n\n").append(plans(connection, batch, null));
                List<Samples> times = new ArrayList<>();
                List<Samples> firstTen = new ArrayList<>();
                List<Samples> lastTen = new ArrayList<>();
                List<PreparedStatement> statements = new ArrayList<>();
                String[] from = new String[FORMS.size()];
                for (Form form : FORMS) {
                    times.add(new Samples());
                    firstTen.add(new Samples());
                    lastTen.add(new Samples());
                    statements.add(connection.prepareStatement(form.sql()));
                    from[statements.size() - 1] = "-infinity";
                }
                for (int round = 0; round < rounds; round++) {
                    for (int f = 0; f < FORMS.size(); f++) {
                        long elapsed = batch(FORMS.get(f), statements.get(f), batch, from, f);
                        times.get(f).add(elapsed);
                        if (round < 10) {
                            firstTen.get(f).add(elapsed);
                        } else if (round >= rounds - 10) {
                            lastTen.get(f).add(elapsed);
                        }
                    }
                }
                out.append(String.format(
                        Locale.ROOT,
                        "%d rounds of one batch of %,d per form, taking turns, on %,d rows (load average %s at the"
                                + " end):%n%n| form | median ms per batch | p90 ms | max ms | rows/s at the median"
                                + " | median of the first 10 / last 10 rounds, ms |%n|---|---:|---:|---:|---:|---|%n",
                        rounds,
                        batch,
                        rows,
                        Machine.loadAverage()));
                for (int f = 0; f < FORMS.size(); f++) {
                    Samples each = times.get(f);
                    out.append(String.format(
                            Locale.ROOT,
                            "| %s | %.1f | %.1f | %.1f | %,.0f | %.1f / %.1f |%n",
                            FORMS.get(f).name(),
                            each.medianMs(),
                            each.percentileMs(90),
                            each.maxMs(),
                            batch / (each.medianMs() / 1000),
                            firstTen.get(f).medianMs(),
                            lastTen.get(f).medianMs()));
                }
                for (PreparedStatement statement : statements) {
                    statement.close();
                }
                // The same plans after the batches: what the index scan now walks past before it finds a row.
                out.append(String.format(
                                Locale.ROOT,
                                "%nThe same after %,d rows were deleted:%n%n",
                                (long) FORMS.size() * rounds * batch))
                        .append(plans(connection, batch, from));
            }
        }
        Path file = Path.of("bench/target/retention-forms.md");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out);
        System.out.println(out);
        System.out.println("written to " + file);
    }

    private static long batch(Form form, PreparedStatement statement, int batch, String[] from, int f)
            throws SQLException {
        int parameter = 1;
        if (form.keyset()) {
            statement.setString(parameter++, from[f]);
        }
        statement.setString(parameter++, EventTable.CUTOFF.toString());
        statement.setInt(parameter, batch);
        long start = System.nanoTime();
        long deleted;
        if (form.keyset()) {
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                deleted = result.getLong(1);
                from[f] = result.getString(2);
            }
        } else {
            deleted = statement.executeUpdate();
        }
        long elapsed = System.nanoTime() - start;
        if (deleted != batch) {
            throw new IllegalStateException("a batch deleted " + deleted + " rows, not " + batch);
        }
        return elapsed;
    }

    /** One batch of each form under {@code explain (analyze, buffers)}, rolled back. */
    private static String plans(Connection connection, int batch, String[] from) throws SQLException {
        StringBuilder plans = new StringBuilder();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (int f = 0; f < FORMS.size(); f++) {
                Form form = FORMS.get(f);
                String sql = form.sql();
                if (form.keyset()) {
                    sql = sql.replaceFirst("\\?", "'" + (from == null ? "-infinity" : from[f]) + "'");
                }
                sql = sql.replaceFirst("\\?", "'" + EventTable.CUTOFF + "'")
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
