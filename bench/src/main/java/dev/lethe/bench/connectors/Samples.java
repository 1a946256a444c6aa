package dev.lethe.bench.connectors;

import java.util.Arrays;

/** Durations in nanoseconds; nearest-rank percentiles. Not thread-safe: one per thread, then merged. */
public final class Samples {

    private long[] nanos = new long[256];
    private int count;

    public void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    public void addAll(Samples other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
    }

    public int count() {
        return count;
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in milliseconds; 0 when empty. */
    public double percentileMs(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * count);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    public double medianMs() {
        return percentileMs(50);
    }

    public double maxMs() {
        return percentileMs(100);
    }

    /** How many took longer than {@code ms} milliseconds. */
    public int over(double ms) {
        int over = 0;
        for (int i = 0; i < count; i++) {
            if (nanos[i] / 1e6 > ms) {
                over++;
            }
        }
        return over;
    }
}
