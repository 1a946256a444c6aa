package dev.lethe.ingest.runtime;

import dev.lethe.catalog.dataset.FieldDiscovery;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ingest.DatasetFields;
import dev.lethe.ingest.FieldSighting;
import dev.lethe.ingest.StreamDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's view of the catalog. {@link #confirmed} answers from a cache per (tenant, system,
 * dataset) that is refreshed in the background every {@code refresh} (the first call for a dataset
 * loads it, and throws if the catalog can't be read: records must not be processed without the
 * decisions people made). {@link #sighted} only counts, in memory, per path and category; every
 * {@code flushInterval} and on {@link #close} the counts go to {@link FieldDiscovery#record}, one
 * transaction per dataset. A flush that fails keeps its counts for the next one, up to {@link
 * #MAX_PENDING} distinct paths and categories: beyond that, sightings of new ones are dropped (a
 * path seen again later is still discovered then; only counts are lost). Thread-safe.
 */
public final class CatalogDatasetFields implements DatasetFields, AutoCloseable {

    /** Distinct (dataset, path, category) counts kept while flushes fail. */
    public static final int MAX_PENDING = 100_000;

    private static final Logger log = LoggerFactory.getLogger(CatalogDatasetFields.class);

    private record DatasetKey(String tenant, String system, String dataset) {

        static DatasetKey of(StreamDefinition stream) {
            return new DatasetKey(stream.tenant(), stream.system(), stream.dataset());
        }
    }

    private record Seen(String path, String category) {}

    /** Findings of one path and category: how many, and the highest confidence. */
    private static final class Tally {
        long count;
        double confidence;

        void add(long more, double confidenceSeen) {
            count += more;
            confidence = Math.max(confidence, confidenceSeen);
        }
    }

    private final FieldDiscovery discovery;
    private final Duration refresh;
    private final Duration flushInterval;
    private final ScheduledExecutorService scheduler;
    private final Map<DatasetKey, Map<String, Set<String>>> confirmed = new ConcurrentHashMap<>();
    private final ReentrantLock flushing = new ReentrantLock();
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

    /** Guarded by {@code this}. */
    private Map<DatasetKey, Map<Seen, Tally>> pending = new HashMap<>();

    /** Guarded by {@code this}. */
    private int pendingKeys;

    /** Guarded by {@code this}: whether dropped sightings were reported since the last full flush. */
    private boolean dropReported;

    /** Runs refreshes and flushes on a daemon thread of its own, stopped by {@link #close}. */
    public CatalogDatasetFields(FieldDiscovery discovery, Duration refresh, Duration flushInterval) {
        if (refresh.isNegative() || refresh.isZero() || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("refresh and flushInterval must be positive");
        }
        this.discovery = discovery;
        this.refresh = refresh;
        this.flushInterval = flushInterval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lethe-dataset-fields").daemon().factory());
    }

    /** Starts the background refresh and flush. */
    public synchronized void start() {
        if (!schedules.isEmpty()) {
            return;
        }
        schedules.add(scheduler.scheduleWithFixedDelay(
                this::refresh, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS));
        schedules.add(scheduler.scheduleWithFixedDelay(
                this::flushQuietly, flushInterval.toMillis(), flushInterval.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public Map<String, Set<String>> confirmed(StreamDefinition stream) {
        DatasetKey key = DatasetKey.of(stream);
        Map<String, Set<String>> cached = confirmed.get(key);
        if (cached != null) {
            return cached;
        }
        Map<String, Set<String>> loaded = load(key);
        Map<String, Set<String>> raced = confirmed.putIfAbsent(key, loaded);
        return raced != null ? raced : loaded;
    }

    @Override
    public void sighted(StreamDefinition stream, Collection<FieldSighting> sightings) {
        if (sightings.isEmpty()) {
            return;
        }
        DatasetKey key = DatasetKey.of(stream);
        synchronized (this) {
            Map<Seen, Tally> ofDataset = pending.computeIfAbsent(key, k -> new HashMap<>());
            for (FieldSighting sighting : sightings) {
                Tally tally = tallyFor(ofDataset, new Seen(sighting.path(), sighting.category()));
                if (tally != null) {
                    tally.add(1, sighting.confidence());
                }
            }
        }
    }

    /** Reloads every cached dataset's confirmed fields; a dataset that can't be read keeps what it had. */
    public void refresh() {
        for (DatasetKey key : List.copyOf(confirmed.keySet())) {
            try {
                confirmed.put(key, load(key));
            } catch (RuntimeException e) {
                log.warn(
                        "Confirmed fields of {}/{} not refreshed; keeping the cached ones: {}",
                        key.system(),
                        key.dataset(),
                        e.toString());
            }
        }
    }

    /**
     * Records what was sighted since the last flush, one transaction per dataset; what fails stays
     * for the next flush. Runs on its schedule and on {@link #close}; callable at any time.
     *
     * @return whether everything was recorded
     */
    public boolean flush() {
        flushing.lock();
        try {
            Map<DatasetKey, Map<Seen, Tally>> batch;
            synchronized (this) {
                batch = pending;
                pending = new HashMap<>();
                pendingKeys = 0;
            }
            boolean all = true;
            for (Map.Entry<DatasetKey, Map<Seen, Tally>> dataset : batch.entrySet()) {
                all &= record(dataset.getKey(), dataset.getValue());
            }
            if (all) {
                synchronized (this) {
                    dropReported = false;
                }
            }
            return all;
        } finally {
            flushing.unlock();
        }
    }

    /** Stops the schedule and flushes what is left. */
    @Override
    public void close() {
        synchronized (this) {
            schedules.forEach(schedule -> schedule.cancel(false));
            schedules.clear();
        }
        flushQuietly();
        scheduler.shutdownNow();
    }

    private Map<String, Set<String>> load(DatasetKey key) {
        UUID tenantId = tenantId(key);
        return Map.copyOf(
                TenantContext.callAs(tenantId, () -> discovery.confirmed(tenantId, key.system(), key.dataset())));
    }

    private boolean record(DatasetKey key, Map<Seen, Tally> tallies) {
        UUID tenantId;
        try {
            tenantId = tenantId(key);
        } catch (IllegalArgumentException e) {
            log.warn("Sightings of {}/{} dropped: the stream's tenant is not a tenant id", key.system(), key.dataset());
            return true;
        }
        List<FieldDiscovery.Sighting> sightings = new ArrayList<>(tallies.size());
        tallies.forEach((seen, tally) -> sightings.add(
                new FieldDiscovery.Sighting(seen.path(), seen.category(), tally.count, tally.confidence)));
        try {
            TenantContext.runAs(tenantId, () -> discovery.record(tenantId, key.system(), key.dataset(), sightings));
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "Discovered fields of {}/{} not recorded; keeping {} counts for the next flush: {}",
                    key.system(),
                    key.dataset(),
                    tallies.size(),
                    e.toString());
            keepForNextFlush(key, tallies);
            return false;
        }
    }

    private synchronized void keepForNextFlush(DatasetKey key, Map<Seen, Tally> tallies) {
        Map<Seen, Tally> ofDataset = pending.computeIfAbsent(key, k -> new HashMap<>());
        tallies.forEach((seen, kept) -> {
            Tally tally = tallyFor(ofDataset, seen);
            if (tally != null) {
                tally.add(kept.count, kept.confidence);
            }
        });
    }

    /** The tally to add to, or null when the cap is reached and this is a new key. Holds {@code this}. */
    private Tally tallyFor(Map<Seen, Tally> ofDataset, Seen seen) {
        Tally tally = ofDataset.get(seen);
        if (tally != null) {
            return tally;
        }
        if (pendingKeys >= MAX_PENDING) {
            if (!dropReported) {
                dropReported = true;
                log.warn(
                        "More than {} distinct discovered paths and categories wait for the catalog; "
                                + "dropping new ones until a flush succeeds",
                        MAX_PENDING);
            }
            return null;
        }
        pendingKeys++;
        tally = new Tally();
        ofDataset.put(seen, tally);
        return tally;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: keep flushing.
            log.warn("Flush of discovered fields failed: {}", e.toString());
        }
    }

    private static UUID tenantId(DatasetKey key) {
        return UUID.fromString(key.tenant());
    }
}
