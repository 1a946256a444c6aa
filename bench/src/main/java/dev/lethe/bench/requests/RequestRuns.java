package dev.lethe.bench.requests;

import dev.lethe.connectors.spi.Identities;
import dev.lethe.workflows.request.NewRequest;
import dev.lethe.workflows.request.RequestType;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.jooq.Record;

/**
 * Erasure requests carried through Lethe end to end: filed by one officer (each starts its workflow,
 * which scopes the five systems and records the plans), approved by a second, then run by the worker
 * until COMPLETED. Times from approval to completion come from the request rows ({@code approved_at},
 * {@code closed_at}), which the store writes; the bench only watches the table.
 */
final class RequestRuns {

    private static final Duration POLL = Duration.ofMillis(100);

    /** Many requests at once. */
    record Many(
            int requests,
            double filingSeconds,
            double scopedSeconds,
            double approvingSeconds,
            double completedSeconds,
            double throughput,
            Percentiles approvalToCompletion,
            Map<String, Integer> statuses,
            long subjectsLeft) {}

    /** One request of a subject with many rows in every system, and the plain-SQL baseline. */
    record Heavy(
            long rowsPerSystem,
            double scopedSeconds,
            double approvalToCompletion,
            double observedSeconds,
            String status,
            long rowsLeft,
            double baselineSeconds,
            long baselineRows,
            double ordinarySeconds) {}

    private final Lethe lethe;
    private final ShopDatabases shops;
    private final String shopPrefix;
    private final Duration timeout;

    RequestRuns(Lethe lethe, ShopDatabases shops, String shopPrefix, Duration timeout) {
        this.lethe = lethe;
        this.shops = shops;
        this.shopPrefix = shopPrefix;
        this.timeout = timeout;
    }

    Many many(int requests, int filers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(filers);
        try {
            long start = System.nanoTime();
            List<UUID> ids = all(pool, requests, i -> () -> file(ShopDatabases.email(i + 1)));
            double filing = seconds(start);
            System.out.printf("filed %d requests in %.1f s%n", requests, filing);
            awaitStatus(ids, "AWAITING_APPROVAL");
            double scoped = seconds(start);
            System.out.printf("all %d scoped and awaiting approval after %.1f s%n", requests, scoped);

            long approving = System.nanoTime();
            all(pool, requests, i -> () -> approve(ids.get(i)));
            double approved = seconds(approving);
            System.out.printf("approved %d in %.1f s%n", requests, approved);
            awaitClosed(ids);
            double completed = seconds(approving);

            List<Double> durations = new ArrayList<>();
            Map<String, Integer> statuses = new TreeMap<>();
            OffsetDateTime firstApproval = null;
            OffsetDateTime lastClosed = null;
            for (Record row : rows(ids)) {
                OffsetDateTime approvedAt = row.get("approved_at", OffsetDateTime.class);
                OffsetDateTime closedAt = row.get("closed_at", OffsetDateTime.class);
                statuses.merge(row.get("status", String.class), 1, Integer::sum);
                durations.add(Duration.between(approvedAt, closedAt).toNanos() / 1e9);
                firstApproval =
                        firstApproval == null || approvedAt.isBefore(firstApproval) ? approvedAt : firstApproval;
                lastClosed = lastClosed == null || closedAt.isAfter(lastClosed) ? closedAt : lastClosed;
            }
            double span = Duration.between(firstApproval, lastClosed).toNanos() / 1e9;
            long left = 0;
            for (String name : ShopDatabases.NAMES) {
                left += shops.count(shopPrefix + name, "select count(*) from customers where id <= " + requests);
            }
            return new Many(
                    requests,
                    filing,
                    scoped,
                    approved,
                    completed,
                    requests / span,
                    Percentiles.of(durations),
                    statuses,
                    left);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One request through the whole path: approval to completion from its row, in seconds. The first
     * one is the warm-up (class loading, JIT, the vault's first keys).
     */
    double single(String email) throws InterruptedException {
        UUID id = file(email);
        awaitStatus(List.of(id), "AWAITING_APPROVAL");
        approve(id);
        awaitClosed(List.of(id));
        Record row = rows(List.of(id)).getFirst();
        double seconds = Duration.between(
                                row.get("approved_at", OffsetDateTime.class),
                                row.get("closed_at", OffsetDateTime.class))
                        .toNanos()
                / 1e9;
        System.out.printf("one ordinary request: %s after %.2f s%n", row.get("status"), seconds);
        return seconds;
    }

    Heavy heavy(long rowsPerSystem, long heavyCustomer, long baselineCustomer, String ordinary) throws Exception {
        double ordinarySeconds = single(ordinary);
        long start = System.nanoTime();
        UUID id = file(ShopDatabases.HEAVY);
        awaitStatus(List.of(id), "AWAITING_APPROVAL");
        double scoped = seconds(start);
        System.out.printf("heavy subject scoped after %.1f s%n", scoped);
        long approving = System.nanoTime();
        approve(id);
        awaitClosed(List.of(id));
        double observed = seconds(approving);
        Record row = rows(List.of(id)).getFirst();
        double endToEnd = Duration.between(
                                row.get("approved_at", OffsetDateTime.class),
                                row.get("closed_at", OffsetDateTime.class))
                        .toNanos()
                / 1e9;
        long left = 0;
        for (String name : ShopDatabases.NAMES) {
            left += shops.count(shopPrefix + name, "select count(*) from orders where customer_id = " + heavyCustomer);
        }
        System.out.printf("heavy erasure: %.2f s from approval to completion (%s)%n", endToEnd, row.get("status"));

        // Baseline: the same shape of rows deleted by hand, one transaction per system, all five at once.
        long baselineRows = 0;
        for (String name : ShopDatabases.NAMES) {
            baselineRows += shops.count(
                    shopPrefix + name, "select count(*) from orders where customer_id = " + baselineCustomer);
        }
        ExecutorService pool = Executors.newFixedThreadPool(ShopDatabases.NAMES.size());
        long baselineStart = System.nanoTime();
        try {
            all(pool, ShopDatabases.NAMES.size(), i -> () -> {
                try (Connection connection = shops.connect(shopPrefix + ShopDatabases.NAMES.get(i));
                        Statement statement = connection.createStatement()) {
                    connection.setAutoCommit(false);
                    statement.executeUpdate("delete from orders where customer_id = " + baselineCustomer);
                    statement.executeUpdate("delete from customers where id = " + baselineCustomer);
                    connection.commit();
                }
                return null;
            });
        } finally {
            pool.shutdownNow();
        }
        double baseline = seconds(baselineStart);
        System.out.printf("baseline: plain deletes of %,d rows in %.2f s%n", baselineRows, baseline);
        return new Heavy(
                rowsPerSystem,
                scoped,
                endToEnd,
                observed,
                row.get("status", String.class),
                left,
                baseline,
                baselineRows,
                ordinarySeconds);
    }

    private UUID file(String email) {
        return lethe.as(() -> lethe.management
                .file(
                        lethe.filer,
                        new NewRequest(RequestType.ERASURE, Identities.of("email", email), "GDPR", null, null, null))
                .id());
    }

    private Void approve(UUID id) {
        lethe.as(() -> lethe.management.approve(lethe.approver, id, "identity checked (bench)"));
        return null;
    }

    private List<Record> rows(List<UUID> ids) {
        return lethe.catalog
                .owner()
                .fetch("select id, status, approved_at, closed_at from request where id = any(?::uuid[])", (Object)
                        ids.toArray(UUID[]::new));
    }

    private void awaitStatus(List<UUID> ids, String status) throws InterruptedException {
        await(ids, "status = '" + status + "'", status);
    }

    private void awaitClosed(List<UUID> ids) throws InterruptedException {
        await(ids, "closed_at is not null", "closed");
    }

    private void await(List<UUID> ids, String condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Integer done = lethe.catalog
                    .owner()
                    .fetchSingle(
                            "select count(*)::int from request where id = any(?::uuid[]) and " + condition,
                            (Object) ids.toArray(UUID[]::new))
                    .get(0, Integer.class);
            if (done == ids.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("after " + timeout + " only " + done + " of " + ids.size()
                        + " requests are " + what + "; statuses: " + statuses(ids));
            }
            Thread.sleep(POLL);
        }
    }

    private Map<String, Integer> statuses(List<UUID> ids) {
        Map<String, Integer> statuses = new TreeMap<>();
        rows(ids).forEach(row -> statuses.merge(row.get("status", String.class), 1, Integer::sum));
        return statuses;
    }

    private static <T> List<T> all(ExecutorService pool, int count, IntFunction<Callable<T>> task) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(task.apply(i)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
