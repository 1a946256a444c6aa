package dev.lethe.bench.ingest;

import dev.lethe.ingest.DatasetFields;
import dev.lethe.ingest.IngestSettings;
import dev.lethe.ingest.RecordProcessor;
import dev.lethe.ingest.StreamDefinition;
import dev.lethe.ingest.StreamMetrics;
import dev.lethe.ingest.StreamWorker;
import dev.lethe.ingest.SubjectLocator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code workers} real stream workers of one stream in this JVM, as the ingest runtime runs them. */
final class PipelineRun implements AutoCloseable {

    private final List<StreamWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final StreamMetrics metrics;

    PipelineRun(
            String bootstrapServers,
            StreamDefinition stream,
            RecordProcessor processor,
            SubjectLocator locator,
            int workerCount,
            int maxPollRecords) {
        metrics = new StreamMetrics(new SimpleMeterRegistry(), stream.name());
        // A batch on a machine at load 30 took longer than the default 30 s once: the broker aborted its
        // transaction and fenced the bench's only worker. The bench measures throughput, not that.
        var settings = new IngestSettings(
                bootstrapServers,
                "bench",
                Duration.ofMinutes(2),
                maxPollRecords,
                Integer.getInteger("lethe.bench.fetch-min-bytes", IngestSettings.DEFAULT_FETCH_MIN_BYTES),
                Duration.ofMillis(Long.getLong(
                        "lethe.bench.fetch-max-wait-ms", IngestSettings.DEFAULT_FETCH_MAX_WAIT.toMillis())),
                java.util.Map.of());
        for (int i = 0; i < workerCount; i++) {
            var worker = new StreamWorker(stream, i, settings, processor, locator, DatasetFields.NONE, metrics);
            workers.add(worker);
            threads.add(Thread.ofPlatform().name(stream.name() + "-" + i).start(worker));
        }
    }

    /** Source records committed so far. */
    long committed() {
        return metrics.figures().recordsIn();
    }

    /** Where the batches' time went: {@link StreamMetrics#batchProfile()}. */
    String batchProfile() {
        return metrics.batchProfile();
    }

    /**
     * Waits until {@code records} are committed and returns the sustained rate: records per second
     * between the moments 10% and 90% of them were committed (start-up and the last batches left out).
     */
    double sustainedRate(long records) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long from = 0;
        long fromCount = 0;
        long to = 0;
        long toCount = 0;
        long committed = 0;
        while (committed < records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + committed + " of " + records + " committed in 10 minutes");
            }
            Thread.sleep(50);
            committed = committed();
            long now = System.nanoTime();
            if (from == 0 && committed >= records / 10) {
                from = now;
                fromCount = committed;
            }
            if (to == 0 && committed >= records * 9 / 10) {
                to = now;
                toCount = committed;
            }
        }
        return (toCount - fromCount) / ((to - from) / 1e9);
    }

    @Override
    public void close() {
        workers.forEach(StreamWorker::close);
        try {
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
    }
}
