package dev.lethe.bench.connectors;

import java.util.Arrays;

/** Durations in nanoseconds; nearest-rank percentiles. Not thread-safe: one per thread, then merged. */
final class Samples {

    private long[] nanos = new long[256];
    private int count;

    void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    void addAll(Samples other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return count;
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in milliseconds; 0 when empty. */
    double percentileMs(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * count);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    double medianMs() {
        return percentileMs(50);
    }

    double maxMs() {
        return percentileMs(100);
    }

    /** How many took longer than {@code ms} milliseconds. */
    int over(double ms) {
        int over = 0;
        for (int i = 0; i < count; i++) {
            if (nanos[i] / 1e6 > ms) {
                over++;
            }
        }
        return over;
    }
}
