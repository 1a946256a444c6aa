package dev.lethe.infra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL, Kafka, Elasticsearch and Temporal on loopback, with all their data under one
 * data directory, for {@code ./lethe up} and the integration tests.
 *
 * <p>{@link #start} starts the four in parallel and returns when all answer; if one fails, the
 * others are stopped again before the error is thrown, so nothing is left half-started. {@link
 * #close} stops them in order and is idempotent. One data directory serves one running instance:
 * a second start on it fails with a message instead of corrupting it.
 */
public final class LocalServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalServices.class);

    private final LocalServicesSettings settings;
    private final PostgresService postgres;
    private final KafkaBroker kafka;
    private final ElasticsearchNode elasticsearch;
    private final TemporalServer temporal;
    private final FileLock dataDirLock;
    private boolean closed;

    private LocalServices(LocalServicesSettings settings, FileLock dataDirLock) throws IOException {
        this.settings = settings;
        this.dataDirLock = dataDirLock;
        Path dataDir = settings.dataDir();
        this.postgres = new PostgresService(
                dataDir.resolve("postgres"), settings.postgres().port());
        this.kafka = new KafkaBroker(
                dataDir.resolve("kafka"),
                settings.kafka().port(),
                settings.kafka().controllerPort(),
                settings.kafka().heap());
        this.elasticsearch = new ElasticsearchNode(ElasticsearchNode.baseFor(dataDir), settings.elasticsearch());
        this.temporal = new TemporalServer(settings.temporal().port());
    }

    /** Starts all four services and waits until each answers. */
    public static LocalServices start(LocalServicesSettings settings) {
        FileLock lock = lockDataDir(settings.dataDir());
        LocalServices services;
        try {
            services = new LocalServices(settings, lock);
            // Holding the lock, whatever still runs on this data directory is a crashed run's.
            services.stopLeftovers();
            requirePortsFree(settings);
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        } catch (Exception e) {
            release(lock);
            throw new LocalServiceException("Could not prepare " + settings.dataDir() + ": " + e.getMessage(), e);
        }
        services.startAll();
        return services;
    }

    public ServiceEndpoints endpoints() {
        return new ServiceEndpoints(
                "127.0.0.1",
                settings.postgres().port(),
                PostgresService.SUPERUSER,
                "",
                kafka.bootstrapServers(),
                elasticsearch.url(),
                "127.0.0.1:" + settings.temporal().port());
    }

    public LocalServicesSettings settings() {
        return settings;
    }

    /** Each service's health by name, in start-up order. */
    public Map<String, Boolean> health() {
        var health = new LinkedHashMap<String, Boolean>();
        for (LocalService service : services()) {
            health.put(service.displayName(), service.isHealthy());
        }
        return health;
    }

    /** Stops Temporal, Kafka, Elasticsearch, then PostgreSQL; repeated calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<LocalService> reversed = new ArrayList<>(services());
        java.util.Collections.reverse(reversed);
        for (LocalService service : reversed) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", service.displayName(), e.getMessage());
            }
        }
        release(dataDirLock);
    }

    private List<LocalService> services() {
        return List.of(postgres, elasticsearch, kafka, temporal);
    }

    private void stopLeftovers() throws Exception {
        for (LocalService service : services()) {
            service.stopLeftovers();
        }
    }

    private void startAll() {
        long started = System.nanoTime();
        Duration timeout = settings.startTimeout();
        ExecutorService executor = Executors.newFixedThreadPool(
                4, Thread.ofPlatform().name("lethe-start-", 0).factory());
        try {
            List<Future<?>> starts = List.of(
                    executor.submit(() -> timed(postgres, postgres::start)),
                    executor.submit(() -> timed(elasticsearch, () -> {
                        elasticsearch.start();
                        elasticsearch.awaitReady(timeout);
                    })),
                    executor.submit(() -> timed(kafka, () -> {
                        kafka.start();
                        kafka.awaitReady(timeout);
                    })),
                    executor.submit(() -> timed(temporal, temporal::start)));
            awaitAll(starts);
            log.info(
                    "Local services up in {} ms (data in {})",
                    (System.nanoTime() - started) / 1_000_000,
                    settings.dataDir());
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            executor.shutdownNow();
        }
    }

    private static void awaitAll(List<Future<?>> starts) {
        LocalServiceException failure = null;
        for (Future<?> start : starts) {
            try {
                start.get();
            } catch (ExecutionException e) {
                var problem = e.getCause() instanceof LocalServiceException known
                        ? known
                        : new LocalServiceException(e.getCause().toString(), e.getCause());
                if (failure == null) {
                    failure = problem;
                } else {
                    failure.addSuppressed(problem);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalServiceException("Interrupted while starting the local services", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static Void timed(LocalService service, Step step) throws Exception {
        long started = System.nanoTime();
        try {
            step.run();
        } catch (LocalServiceException e) {
            throw e;
        } catch (Exception e) {
            throw new LocalServiceException(service.displayName() + " failed to start: " + e, e);
        }
        log.info("{} up in {} ms", service.displayName(), (System.nanoTime() - started) / 1_000_000);
        return null;
    }

    private static void requirePortsFree(LocalServicesSettings settings) {
        Ports.requireFree(settings.postgres().port(), "PostgreSQL", "lethe.infra.postgres.port");
        Ports.requireFree(settings.kafka().port(), "Kafka", "lethe.infra.kafka.port");
        Ports.requireFree(settings.kafka().controllerPort(), "Kafka controller", "lethe.infra.kafka.controller-port");
        Ports.requireFree(settings.elasticsearch().port(), "Elasticsearch", "lethe.infra.elasticsearch.port");
        Ports.requireFree(
                settings.elasticsearch().transportPort(),
                "Elasticsearch transport",
                "lethe.infra.elasticsearch.transport-port");
        Ports.requireFree(settings.temporal().port(), "Temporal", "lethe.infra.temporal.port");
    }

    private static FileLock lockDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(
                    dataDir.resolve("lethe.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new LocalServiceException("The data directory " + dataDir + " is in use by another running "
                        + "Lethe. Stop that one, or choose another directory with --data-dir (LETHE_DATA_DIR).");
            }
            return lock;
        } catch (IOException e) {
            throw new LocalServiceException("Cannot use the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Null when another process, or another instance in this JVM, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            log.warn("Could not release the data directory lock: {}", e.getMessage());
        }
    }
}
