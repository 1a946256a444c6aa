package dev.lethe.ingest;

import dev.lethe.vault.TokenKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every outcome of one stream in this process, as Micrometer meters tagged with the stream's name
 * (never with anything from a record): {@code lethe.ingest.records} by outcome, {@code
 * lethe.ingest.records.without.subject}, {@code
 * lethe.ingest.batches} by outcome, {@code lethe.ingest.tokenizations} by kind, the end-to-end
 * {@code lethe.ingest.latency} (source record's timestamp to commit), {@code lethe.ingest.batch.time} by
 * phase (where a batch's time goes: {@code process}, {@code locator}, {@code commit}), {@code
 * lethe.ingest.batch.records} (batch sizes) and {@code lethe.ingest.lag}.
 * Shared by the stream's workers; thread-safe.
 */
public final class StreamMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final Counter in;
    private final Counter out;
    private final Counter deadLettered;
    private final Counter withoutSubject;
    private final Counter committed;
    private final Counter aborted;
    private final Timer latency;
    private final Map<BatchPhase, Timer> phases = new EnumMap<>(BatchPhase.class);
    private final DistributionSummary batchRecords;
    private final Map<TokenKind, Counter> tokenizations = new EnumMap<>(TokenKind.class);
    private final Map<Integer, Long> lagByWorker = new ConcurrentHashMap<>();
    private final List<Meter> meters = new ArrayList<>();

    public StreamMetrics(MeterRegistry registry, String stream) {
        this.registry = registry;
        in = register(records(stream, "in"));
        out = register(records(stream, "out"));
        deadLettered = register(records(stream, "dead_lettered"));
        withoutSubject = register(Counter.builder("lethe.ingest.records.without.subject")
                .description(
                        "Published records that named no data subject: protected under the tenant's key, not located")
                .tag("stream", stream)
                .register(registry));
        committed = register(batches(stream, "committed"));
        aborted = register(batches(stream, "aborted"));
        latency = register(Timer.builder("lethe.ingest.latency")
                .description("From a source record's timestamp to the commit of its protected copy")
                .tag("stream", stream)
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry));
        for (BatchPhase phase : BatchPhase.values()) {
            phases.put(
                    phase,
                    register(Timer.builder("lethe.ingest.batch.time")
                            .description("Time of one phase of a batch: process its records, write its locator"
                                    + " documents, commit its transaction")
                            .tag("stream", stream)
                            .tag("phase", phase.tag())
                            .publishPercentiles(0.5, 0.99)
                            .register(registry)));
        }
        batchRecords = register(DistributionSummary.builder("lethe.ingest.batch.records")
                .description("Source records per batch (transaction)")
                .tag("stream", stream)
                .register(registry));
        for (TokenKind kind : TokenKind.values()) {
            tokenizations.put(
                    kind,
                    register(Counter.builder("lethe.ingest.tokenizations")
                            .tag("stream", stream)
                            .tag("kind", kind.name())
                            .register(registry)));
        }
        register(Gauge.builder("lethe.ingest.lag", this, StreamMetrics::lag)
                .description("Records in the source topic not yet processed, over the partitions this process holds")
                .tag("stream", stream)
                .register(registry));
    }

    private Counter records(String stream, String outcome) {
        return Counter.builder("lethe.ingest.records")
                .tag("stream", stream)
                .tag("outcome", outcome)
                .register(registry);
    }

    private Counter batches(String stream, String outcome) {
        return Counter.builder("lethe.ingest.batches")
                .tag("stream", stream)
                .tag("outcome", outcome)
                .register(registry);
    }

    private <M extends Meter> M register(M meter) {
        meters.add(meter);
        return meter;
    }

    /** What one committed batch did. */
    void committed(
            int records,
            int out,
            int deadLettered,
            int withoutSubject,
            Map<TokenKind, Integer> tokenized,
            long[] recordTimestamps) {
        this.in.increment(records);
        this.out.increment(out);
        this.deadLettered.increment(deadLettered);
        this.withoutSubject.increment(withoutSubject);
        committed.increment();
        batchRecords.record(records);
        tokenized.forEach((kind, count) -> tokenizations.get(kind).increment(count));
        long now = System.currentTimeMillis();
        for (long timestamp : recordTimestamps) {
            latency.record(Math.max(0, now - timestamp), TimeUnit.MILLISECONDS);
        }
    }

    /** The phases of a batch, in their order. */
    enum BatchPhase {
        PROCESS,
        LOCATOR,
        COMMIT;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    void phase(BatchPhase phase, long nanos) {
        phases.get(phase).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Where the batches' time went so far: per phase its median and 99th percentile (over the last
     * minutes) and mean, and the mean batch size; for benches and tests.
     */
    public String batchProfile() {
        var text = new StringBuilder(String.format("mean batch %.0f records", batchRecords.mean()));
        phases.forEach((phase, timer) -> text.append(String.format(
                "; %s mean %.1f, p50 %.1f, p99 %.1f ms",
                phase.tag(), timer.mean(TimeUnit.MILLISECONDS), millisAt(timer, 0.5), millisAt(timer, 0.99))));
        return text.toString();
    }

    /** A published percentile of the timer in milliseconds (0 before anything was recorded). */
    private static double millisAt(Timer timer, double quantile) {
        for (ValueAtPercentile percentile : timer.takeSnapshot().percentileValues()) {
            if (percentile.percentile() == quantile) {
                return percentile.value(TimeUnit.MILLISECONDS);
            }
        }
        return 0;
    }

    void aborted() {
        aborted.increment();
    }

    void lag(int worker, long records) {
        lagByWorker.put(worker, records);
    }

    void workerStopped(int worker) {
        lagByWorker.remove(worker);
    }

    private double lag() {
        return lagByWorker.values().stream().mapToLong(Long::longValue).sum();
    }

    public Figures figures() {
        Map<String, Long> byKind = new java.util.TreeMap<>();
        tokenizations.forEach((kind, counter) -> byKind.put(kind.name(), (long) counter.count()));
        return new Figures(
                (long) in.count(),
                (long) out.count(),
                (long) deadLettered.count(),
                (long) withoutSubject.count(),
                (long) committed.count(),
                (long) aborted.count(),
                (long) lag(),
                millisAt(latency, 0.5),
                millisAt(latency, 0.99),
                byKind);
    }

    /**
     * The stream's figures in this process since it started here.
     *
     * @param recordsIn records of committed batches: each source record counts once
     * @param latencyP50Millis end-to-end latency over the last minutes
     */
    public record Figures(
            long recordsIn,
            long recordsOut,
            long recordsDeadLettered,
            long recordsWithoutSubject,
            long batchesCommitted,
            long batchesAborted,
            long lag,
            double latencyP50Millis,
            double latencyP99Millis,
            Map<String, Long> tokenizations) {

        /** A stream that has not run in this process. */
        public static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());
    }

    /** Removes the stream's meters, so a removed stream leaves no series behind. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
