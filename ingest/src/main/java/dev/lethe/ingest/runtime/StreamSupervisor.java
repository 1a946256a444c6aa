package dev.lethe.ingest.runtime;

import dev.lethe.catalog.change.PageRequest;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ingest.IngestSettings;
import dev.lethe.ingest.StreamMetrics;
import dev.lethe.ingest.registry.RegisteredStream;
import dev.lethe.ingest.registry.Streams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's ingest role: once started, reads every tenant's streams from the registry and
 * hands them to the runtime — on a timer, so that changes made through another process reach this
 * one, and right after a change through this process's API. A registry that can't be read leaves
 * the running workers as they are. Without the role, streams are IDLE here.
 */
public final class StreamSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamSupervisor.class);

    private final Streams streams;
    private final Function<IngestSettings, StreamRuntime> runtimes;
    private volatile StreamRuntime runtime;
    private ScheduledExecutorService timer;

    public StreamSupervisor(Streams streams, Function<IngestSettings, StreamRuntime> runtimes) {
        this.streams = streams;
        this.runtimes = runtimes;
    }

    public synchronized void start(IngestSettings settings, Duration every) {
        if (runtime != null) {
            return;
        }
        runtime = runtimes.apply(settings);
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("stream-supervisor").daemon().factory());
        timer.scheduleWithFixedDelay(this::reconcile, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Ingest role on as instance {}", settings.instanceId());
    }

    /** Applies the registry soon, off the caller's thread (stopping workers takes up to a batch). */
    public synchronized void reconcileSoon() {
        if (timer != null) {
            timer.execute(this::reconcile);
        }
    }

    /** Applies the registry now (a no-op without the ingest role). */
    void reconcile() {
        StreamRuntime current = runtime;
        if (current == null) {
            return;
        }
        List<RegisteredStream> registered = new ArrayList<>();
        try {
            for (UUID tenant : TenantContext.callAsPlatform(streams::tenantsWithStreams)) {
                registered.addAll(TenantContext.callAs(tenant, () -> streams.list(tenant, PageRequest.ALL)));
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Could not read the stream registry ({}); workers keep running as they are",
                    e.getClass().getSimpleName());
            return;
        }
        current.reconcile(registered);
    }

    public StreamStatus status(RegisteredStream stream) {
        StreamRuntime current = runtime;
        return current != null
                ? current.status(stream)
                : new StreamStatus(stream.name(), "IDLE", null, 0, StreamMetrics.Figures.NONE, false);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (runtime != null) {
            runtime.close();
        }
    }
}
