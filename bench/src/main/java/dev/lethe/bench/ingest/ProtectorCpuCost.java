package dev.lethe.bench.ingest;

import dev.lethe.ingest.JsonCodec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The CPU time one thread spends per record protecting the ingest bench's records ({@link ProtectorFixture}:
 * nothing confirmed, and the fields detection finds confirmed and known), next to the classifier alone and
 * the JSON parse and encode (the baseline) in the same run. CPU time of the measuring thread ({@link
 * ThreadMXBean#getCurrentThreadCpuTime}), not wall time: on a machine shared with other work the time the
 * thread waits for a core is left out, so runs at different loads compare (caches and frequency still vary
 * with load; compare runs side by side). Plain main, same class path as {@link ProtectorBenchmark}:
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) dev.lethe.bench.ingest.ProtectorCpuCost [rounds]
 * </pre>
 */
public final class ProtectorCpuCost {

    private record Measured(String name, IntConsumer operation, long[] tenths) {}

    private ProtectorCpuCost() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        var fixture = new ProtectorFixture();
        var stream = ProtectorFixture.STREAM;
        System.out.printf("confirmed fields of the known-fields protector: %s%n", fixture.confirmed.keySet());
        List<Measured> measured = List.of(
                new Measured(
                        "parse+encode",
                        i -> JsonCodec.INSTANCE.encode(JsonCodec.INSTANCE.decode(fixture.values[i])),
                        new long[rounds]),
                new Measured("classify", i -> fixture.classifier.scanJson(fixture.texts[i]), new long[rounds]),
                new Measured(
                        "protect",
                        i -> fixture.protector.process(stream, fixture.keys[i], fixture.values[i]),
                        new long[rounds]),
                new Measured(
                        "protect (fields known)",
                        i -> fixture.knownFieldsProtector.process(stream, fixture.keys[i], fixture.values[i]),
                        new long[rounds]));
        for (int warm = 0; warm < 5; warm++) { // JIT
            measured.forEach(m -> pass(m.operation()));
        }
        for (int r = 0; r < rounds; r++) {
            for (Measured m : measured) {
                m.tenths()[r] = pass(m.operation());
            }
        }
        System.out.printf(
                "CPU µs per record (median of %d passes of %,d records; min-max):%n", rounds, ProtectorFixture.RECORDS);
        double parse = median(measured.getFirst().tenths());
        for (Measured m : measured) {
            double median = median(m.tenths());
            System.out.printf(
                    "  %-24s %6.1f (%.1f-%.1f)  %.1fx parse+encode, %,.0f records per CPU second%n",
                    m.name(), median, min(m.tenths()), max(m.tenths()), median / parse, 1e6 / median);
        }
    }

    /** CPU nanoseconds of this thread for one pass, per record, in tenths of a microsecond. */
    private static long pass(IntConsumer operation) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ProtectorFixture.RECORDS; i++) {
            operation.accept(i);
        }
        return (threads.getCurrentThreadCpuTime() - start) / ProtectorFixture.RECORDS / 100;
    }

    private static double median(long[] tenths) {
        long[] sorted = tenths.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 10.0;
    }

    private static double min(long[] tenths) {
        return Arrays.stream(tenths).min().orElseThrow() / 10.0;
    }

    private static double max(long[] tenths) {
        return Arrays.stream(tenths).max().orElseThrow() / 10.0;
    }
}
