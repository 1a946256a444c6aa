package dev.lethe.bench.connectors;

import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.Erasing;
import dev.lethe.connectors.spi.ErasureReport;
import dev.lethe.connectors.spi.ErasureStrategy;
import dev.lethe.connectors.spi.OperationContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Erases subjects one after another, each from every system in turn (as a request's steps would),
 * through each connection's {@link Erasing#erase}: the time of each system's call and of the five
 * together; after each system's erase, the system's {@link BenchSystem.Probe} (a new connection and
 * one trivial request) as the same-run floor. The first subjects warm the JVM up and are reported
 * apart, the first one as the cold case.
 */
final class EraseRun {

    /** One system's figures over the measured subjects. */
    record SystemFigures(
            String system,
            String mainDataset,
            Samples times,
            Samples roundTrips,
            long fewestRecords,
            long mostRecords,
            double firstMs) {}

    record Result(List<SystemFigures> systems, Samples totals, double firstTotalMs, int warmUp) {}

    private final List<BenchSystem> systems;
    private final List<Connector> connectors;
    private final UUID tenant;

    EraseRun(List<BenchSystem> systems, List<Connector> connectors, UUID tenant) {
        this.systems = systems;
        this.connectors = connectors;
        this.tenant = tenant;
    }

    Result run(List<Long> subjects, int warmUp) throws Exception {
        List<Samples> times = new ArrayList<>();
        long[] fewest = new long[systems.size()];
        long[] most = new long[systems.size()];
        double[] firstMs = new double[systems.size()];
        List<Samples> roundTrips = new ArrayList<>();
        systems.forEach(system -> {
            times.add(new Samples());
            roundTrips.add(new Samples());
        });
        Arrays.fill(fewest, Long.MAX_VALUE);
        Samples totals = new Samples();
        double firstTotalMs = 0;
        for (int s = 0; s < subjects.size(); s++) {
            long customer = subjects.get(s);
            long total = 0;
            for (int i = 0; i < systems.size(); i++) {
                BenchSystem system = systems.get(i);
                OperationContext context = OperationContext.of(tenant, "erase-" + customer);
                long start = System.nanoTime();
                ErasureReport report = ((Erasing) connectors.get(i))
                        .erase(context, Subjects.of(customer), system.map(), system.plan());
                long elapsed = System.nanoTime() - start;
                long changed = changed(report);
                if (changed == 0) {
                    throw new IllegalStateException(system.name() + ": the erasure found nothing of subject #" + s
                            + " (a seed that does not follow Subjects)");
                }
                total += elapsed;
                if (s == 0) {
                    firstMs[i] = elapsed / 1e6;
                }
                if (s >= warmUp) {
                    times.get(i).add(elapsed);
                    roundTrips.get(i).add(roundTrip(system));
                    fewest[i] = Math.min(fewest[i], changed);
                    most[i] = Math.max(most[i], changed);
                }
            }
            if (s == 0) {
                firstTotalMs = total / 1e6;
            }
            if (s >= warmUp) {
                totals.add(total);
            }
            System.out.printf(
                    "subject %d/%d erased from %d systems in %.1f ms%n",
                    s + 1, subjects.size(), systems.size(), total / 1e6);
        }
        List<SystemFigures> figures = new ArrayList<>();
        for (int i = 0; i < systems.size(); i++) {
            figures.add(new SystemFigures(
                    systems.get(i).name(),
                    systems.get(i).mainDataset(),
                    times.get(i),
                    roundTrips.get(i),
                    fewest[i],
                    most[i],
                    firstMs[i]));
        }
        return new Result(figures, totals, firstTotalMs, warmUp);
    }

    /** The same-run floor: a new connection and one trivial request to the same system, after its erase. */
    private static long roundTrip(BenchSystem system) throws Exception {
        long start = System.nanoTime();
        system.probe().roundTrip();
        return System.nanoTime() - start;
    }

    /** Records deleted or changed (retained ones are not changes). */
    private static long changed(ErasureReport report) {
        return report.outcomes().stream()
                .filter(outcome -> outcome.strategy() != ErasureStrategy.RETAIN)
                .mapToLong(ErasureReport.Outcome::records)
                .sum();
    }
}
