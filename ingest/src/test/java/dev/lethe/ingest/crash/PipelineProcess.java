package dev.lethe.ingest.crash;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.ingest.DatasetFields;
import dev.lethe.ingest.IngestSettings;
import dev.lethe.ingest.ProtectionPolicy;
import dev.lethe.ingest.RecordProtector;
import dev.lethe.ingest.StreamDefinition;
import dev.lethe.ingest.StreamMetrics;
import dev.lethe.ingest.StreamWorker;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.ingest.WorkerState;
import dev.lethe.vault.TokenKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest process for {@link CrashRecoveryIT}: the real protector, locator and vault, and {@code
 * workers} stream workers, until it is stopped (SIGTERM: the workers finish their batch and leave the
 * group) or killed. Arguments are {@code name=value}: kafka, elasticsearch, jdbc, user, password, keys,
 * instance, workers, stream, tenant, source, target.
 */
public final class PipelineProcess {

    private static final Logger log = LoggerFactory.getLogger(PipelineProcess.class);

    private PipelineProcess() {}

    public static void main(String[] args) throws Exception {
        // Joins, assignments and revocations in the log: the rebalances the test causes, with their times.
        ((ch.qos.logback.classic.Logger)
                        LoggerFactory.getLogger("org.apache.kafka.clients.consumer.internals.ConsumerCoordinator"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        StreamDefinition stream = stream(options);
        var settings = IngestSettings.defaults(options.get("kafka"), options.get("instance"));
        var vault = CrashVault.open(
                options.get("jdbc"), options.get("user"), options.get("password"), Path.of(options.get("keys")));
        var elasticsearch = ElasticsearchClient.of(config -> config.host(options.get("elasticsearch")));
        var protector = new RecordProtector(PiiClassifier.create(), vault.vault(), DatasetFields.NONE);
        var locator = new SubjectLocator(elasticsearch);
        var metrics = new StreamMetrics(new SimpleMeterRegistry(), stream.name());
        List<StreamWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int count = Integer.parseInt(options.get("workers"));
        var stopping = new AtomicBoolean();
        IntFunction<StreamWorker> newWorker =
                index -> new StreamWorker(stream, index, settings, protector, locator, DatasetFields.NONE, metrics);
        for (int i = 0; i < count; i++) {
            workers.add(null);
            threads.add(null);
            start(i, newWorker, workers, threads);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            synchronized (workers) {
                workers.forEach(StreamWorker::close);
            }
            for (Thread thread : threads) {
                join(thread);
            }
            log.info("Stopped: {}", metrics.figures());
        }));
        log.info("Instance {} runs {} workers", settings.instanceId(), workers.size());
        while (true) {
            Thread.sleep(Duration.ofMillis(500));
            log.info("progress: {} records committed", metrics.figures().recordsIn());
            // As the application's stream runtime does: a worker that stopped on an error it could not
            // recover from (fenced after a transaction timeout, say) is replaced, not left idle.
            synchronized (workers) {
                for (int i = 0; i < count && !stopping.get(); i++) {
                    if (workers.get(i).state() == WorkerState.STOPPED) {
                        log.warn(
                                "worker {} stopped ({}); starting a new one",
                                i,
                                workers.get(i).failure());
                        start(i, newWorker, workers, threads);
                    }
                }
            }
        }
    }

    private static void start(
            int index, IntFunction<StreamWorker> newWorker, List<StreamWorker> workers, List<Thread> threads) {
        StreamWorker worker = newWorker.apply(index);
        workers.set(index, worker);
        threads.set(index, Thread.ofPlatform().name("worker-" + index).start(worker));
    }

    static StreamDefinition stream(Map<String, String> options) {
        return new StreamDefinition(
                options.get("stream"),
                options.get("tenant"),
                options.get("source"),
                options.get("target"),
                "shop",
                "orders",
                "$.customer.id",
                new ProtectionPolicy(Map.of("contact.email", TokenKind.DETERMINISTIC), TokenKind.REDACT));
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
