package dev.lethe.ingest.runtime;

import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ingest.DatasetFields;
import dev.lethe.ingest.IngestSettings;
import dev.lethe.ingest.ObjectedPurposes;
import dev.lethe.ingest.RecordProcessor;
import dev.lethe.ingest.StreamDefinition;
import dev.lethe.ingest.StreamMetrics;
import dev.lethe.ingest.StreamWorker;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.ingest.WorkerState;
import dev.lethe.ingest.registry.DesiredState;
import dev.lethe.ingest.registry.RegisteredStream;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream workers of this process, brought in line with the registry by {@link #reconcile}: a
 * stream registered to run gets its {@code concurrency} workers here, a paused or removed one none,
 * a changed one is restarted with its new definition, and a worker that stopped on an error is
 * replaced. Every ingest process does the same, and Kafka's consumer group shares the partitions
 * among all their workers. Workers act as their stream's tenant. Thread-safe.
 */
public final class StreamRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamRuntime.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final IngestSettings settings;
    private final RecordProcessor processor;
    private final SubjectLocator locator;
    private final DatasetFields fields;
    private final ObjectedPurposes objections;
    private final MeterRegistry registry;
    private final Map<String, Running> running = new HashMap<>();
    private final Map<String, StreamMetrics> metrics = new HashMap<>();

    public StreamRuntime(
            IngestSettings settings,
            RecordProcessor processor,
            SubjectLocator locator,
            DatasetFields fields,
            MeterRegistry registry) {
        this(settings, processor, locator, fields, ObjectedPurposes.NONE, registry);
    }

    /** @param objections the purposes subjects objected to, marked on their protected records */
    public StreamRuntime(
            IngestSettings settings,
            RecordProcessor processor,
            SubjectLocator locator,
            DatasetFields fields,
            ObjectedPurposes objections,
            MeterRegistry registry) {
        this.objections = objections;
        this.settings = settings;
        this.processor = processor;
        this.locator = locator;
        this.fields = fields;
        this.registry = registry;
    }

    /** @param registered every registered stream of every tenant */
    public synchronized void reconcile(Collection<RegisteredStream> registered) {
        Map<String, RegisteredStream> wanted = new HashMap<>();
        Set<String> known = new HashSet<>();
        for (RegisteredStream stream : registered) {
            known.add(stream.name());
            if (stream.state() == DesiredState.RUNNING) {
                wanted.put(stream.name(), stream);
            }
        }
        for (String name : List.copyOf(running.keySet())) {
            Running current = running.get(name);
            RegisteredStream want = wanted.get(name);
            if (want == null || !current.runs(want)) {
                running.remove(name).stop();
            }
        }
        for (String name : List.copyOf(metrics.keySet())) {
            if (!known.contains(name)) {
                metrics.remove(name).close();
            }
        }
        for (RegisteredStream stream : wanted.values()) {
            Running current = running.get(stream.name());
            if (current == null) {
                StreamMetrics streamMetrics =
                        metrics.computeIfAbsent(stream.name(), name -> new StreamMetrics(registry, name));
                running.put(stream.name(), new Running(stream, streamMetrics));
            } else {
                current.replaceStopped();
            }
        }
    }

    /** The stream's status in this process. */
    public synchronized StreamStatus status(RegisteredStream stream) {
        StreamMetrics streamMetrics = metrics.get(stream.name());
        StreamMetrics.Figures figures = streamMetrics == null ? StreamMetrics.Figures.NONE : streamMetrics.figures();
        Running current = running.get(stream.name());
        if (stream.state() == DesiredState.PAUSED) {
            return new StreamStatus(
                    stream.name(),
                    "PAUSED",
                    null,
                    current == null ? 0 : current.workers.size(),
                    figures,
                    current == null);
        }
        if (current == null) {
            return new StreamStatus(stream.name(), "IDLE", null, 0, figures, false);
        }
        return current.status(figures, current.runs(stream));
    }

    /** Stops every worker, each after its current batch. */
    @Override
    public synchronized void close() {
        running.values().forEach(Running::stop);
        running.clear();
        metrics.values().forEach(StreamMetrics::close);
        metrics.clear();
    }

    /** One stream's workers in this process. */
    private final class Running {
        private final StreamDefinition definition;
        private final UUID tenantId;
        private final int concurrency;
        private final StreamMetrics streamMetrics;
        private final List<StreamWorker> workers = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();

        Running(RegisteredStream stream, StreamMetrics streamMetrics) {
            this.definition = stream.definition();
            this.tenantId = stream.tenantId();
            this.concurrency = stream.concurrency();
            this.streamMetrics = streamMetrics;
            for (int index = 0; index < concurrency; index++) {
                workers.add(null);
                threads.add(null);
                start(index);
            }
            log.info("Stream {} started with {} worker(s)", definition.name(), concurrency);
        }

        boolean runs(RegisteredStream stream) {
            return concurrency == stream.concurrency() && definition.equals(stream.definition());
        }

        private void start(int index) {
            var worker = new StreamWorker(
                    definition, index, settings, processor, locator, fields, objections, streamMetrics);
            workers.set(index, worker);
            threads.set(
                    index,
                    Thread.ofPlatform()
                            .name("lethe-ingest-" + definition.name() + "-" + index)
                            .daemon()
                            .start(() -> TenantContext.runAs(tenantId, worker)));
        }

        /** A worker stops on its own only on an error it can't recover from: a fresh one takes over. */
        void replaceStopped() {
            for (int index = 0; index < workers.size(); index++) {
                if (workers.get(index).state() == WorkerState.STOPPED) {
                    log.warn(
                            "Stream {}: worker {} stopped ({}); starting a new one",
                            definition.name(),
                            index,
                            workers.get(index).failure());
                    start(index);
                }
            }
        }

        StreamStatus status(StreamMetrics.Figures figures, boolean inForce) {
            String state = "RUNNING";
            String reason = null;
            for (StreamWorker worker : workers) {
                if (worker.state() == WorkerState.FAILING || worker.state() == WorkerState.STOPPED) {
                    state = "FAILING";
                    reason = worker.failure();
                } else if (worker.state() == WorkerState.STARTING && state.equals("RUNNING")) {
                    state = "STARTING";
                }
            }
            return new StreamStatus(definition.name(), state, reason, workers.size(), figures, inForce);
        }

        void stop() {
            workers.forEach(StreamWorker::close);
            long deadline = System.nanoTime() + STOP_GRACE.toNanos();
            for (Thread thread : threads) {
                try {
                    if (!thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                        thread.interrupt();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            log.info("Stream {} stopped in this process", definition.name());
        }
    }
}
