package dev.lethe.bench.catalog;

import java.util.Arrays;

/** The response times of one kind of request, in nanoseconds; nearest-rank percentiles. Not thread-safe. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;
    private long bytes;

    void add(long elapsedNanos, int responseBytes) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
        bytes += responseBytes;
    }

    int count() {
        return count;
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in milliseconds. */
    double percentileMs(double p) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * count);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    double maxMs() {
        return percentileMs(100);
    }

    long meanBytes() {
        return count == 0 ? 0 : bytes / count;
    }
}
