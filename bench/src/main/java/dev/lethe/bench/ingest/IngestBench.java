package dev.lethe.bench.ingest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.infra.LocalServices;
import dev.lethe.infra.LocalServicesSettings;
import dev.lethe.ingest.DatasetFields;
import dev.lethe.ingest.RecordProcessor;
import dev.lethe.ingest.RecordProtector;
import dev.lethe.ingest.StreamDefinition;
import dev.lethe.ingest.SubjectLocator;
import dev.lethe.vault.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sustained throughput of the exactly-once ingest pipeline on the real Kafka and Elasticsearch: the
 * same {@code StreamWorker}s with {@link RecordProcessor#PASSTHROUGH} (consume, produce, commit in one
 * transaction, nothing else) and with the {@link RecordProtector} (classifier, vault tokens, locator
 * entries), 1 and 2 workers, over the same preloaded topic; then end-to-end latency at half the best
 * protecting rate. Starts its own services (plain class path needed for the Kafka broker), or uses
 * running ones with {@code --kafka=host:port --elasticsearch=http://host:port}. Run:
 *
 * <pre>
 * ./mvnw -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) dev.lethe.bench.ingest.IngestBench [records]
 * </pre>
 */
public final class IngestBench {

    private static final int PARTITIONS = 4;
    private static final String TENANT = "bench";

    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        // The clients' configuration dumps would bury the figures (slf4j-simple reads this once).
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.temporal", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
        Map<String, String> options = options(args);
        int records = Integer.parseInt(options.getOrDefault("records", "300000"));
        int maxPoll = Integer.parseInt(options.getOrDefault("max-poll-records", "500"));
        Path work = Files.createTempDirectory("lethe-ingest-bench-");
        LocalServices started = null;
        String kafka = options.get("kafka");
        String elasticsearchUrl = options.get("elasticsearch");
        if (kafka == null) {
            started = LocalServices.start(LocalServicesSettings.onFreePorts(work.resolve("services")));
            kafka = started.endpoints().kafkaBootstrapServers();
            elasticsearchUrl = started.endpoints().elasticsearchUrl();
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
            String source = "bench-" + run + ".orders.raw";
            createTopics(admin, source, source + ".dlq");
            long preloadStart = System.nanoTime();
            double averageBytes = preload(kafka, source, records);
            System.out.printf(
                    "preloaded %d records of %.0f bytes on average into %s (%d partitions) in %.1f s%n",
                    records, averageBytes, source, PARTITIONS, (System.nanoTime() - preloadStart) / 1e9);

            String elasticsearchHost = elasticsearchUrl;
            var elasticsearch = ElasticsearchClient.of(config -> config.host(elasticsearchHost));
            try {
                var classifier = PiiClassifier.create();
                Vault vault = ProtectorFixture.vault(work);
                var protector = new RecordProtector(classifier, vault, DatasetFields.NONE);
                // The same stream once people confirmed the fields detection finds (its note included).
                var knownFieldsProtector = new RecordProtector(
                        classifier,
                        vault,
                        ProtectorFixture.confirming(ProtectorFixture.confirmedFields(classifier, sample())));
                // Every subject's key created and the JIT warm before the first transaction, which would
                // otherwise take all of that on.
                warmDirectly(protector, Math.min(records, 40_000));
                warmDirectly(knownFieldsProtector, Math.min(records, 2_000));
                var bench = new Runs(admin, kafka, source, new SubjectLocator(elasticsearch), maxPoll, run);
                bench.warmUp("warmup", protector, Math.min(records, 60_000));
                bench.warmUp("warmupknown", knownFieldsProtector, Math.min(records, 20_000));
                // --latency-rate=N measures the latency at N records/s only, without the throughput runs.
                double bestProtect = options.containsKey("latency-rate")
                        ? 0
                        : throughputTable(bench, protector, knownFieldsProtector, records);
                int rate = Integer.parseInt(
                        options.getOrDefault("latency-rate", Integer.toString((int) (bestProtect / 2))));
                int latencyWorkers = Integer.parseInt(options.getOrDefault("latency-workers", "2"));
                System.out.printf("latency at %,d records/s, %d workers%n", rate, latencyWorkers);
                // --latency-processor=passthrough: the same measurement without protection or locator.
                RecordProcessor latencyProcessor = "passthrough".equals(options.get("latency-processor"))
                        ? RecordProcessor.PASSTHROUGH
                        : protector;
                LatencyRun.Latencies latencies = bench.latency(latencyProcessor, latencyWorkers, rate);
                System.out.printf(
                        "latency: sent %,d, received %,d; p50 %d ms, p99 %d ms, max %d ms%n",
                        latencies.sent(),
                        latencies.received(),
                        latencies.p50Millis(),
                        latencies.p99Millis(),
                        latencies.maxMillis());
            } finally {
                elasticsearch._transport().close();
            }
        } finally {
            if (started != null) {
                started.close();
            }
            deleteRecursively(work); // the services' data: about a gigabyte of topics per run
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /**
     * Passthrough, protect, and protect with the fields confirmed, with 1 and 2 workers, printed as a table;
     * returns the best protect rate (nothing confirmed).
     */
    private static double throughputTable(
            Runs bench, RecordProcessor protector, RecordProcessor knownFieldsProtector, int records) throws Exception {
        List<String> table = new ArrayList<>();
        double bestProtect = 0;
        for (int workers : List.of(1, 2)) {
            double passthrough = bench.throughput("passthrough", RecordProcessor.PASSTHROUGH, workers, records);
            double protect = bench.throughput("protect", protector, workers, records);
            double known = bench.throughput("protect known", knownFieldsProtector, workers, records);
            bestProtect = Math.max(bestProtect, protect);
            table.add(String.format(
                    "| %d | %,.0f | %,.0f | %.0f%% | %,.0f | %.0f%% |",
                    workers, passthrough, protect, 100 * protect / passthrough, known, 100 * known / passthrough));
        }
        System.out.printf("load average (1 min) at the end: %.1f%n", loadAverage());
        System.out.println("| workers | passthrough records/s | protect records/s | protect/passthrough"
                + " | protect, fields confirmed | its ratio |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        table.forEach(System.out::println);
        return bestProtect;
    }

    /** The runs of one bench: each a fresh stream (consumer group, target topic) over the same source. */
    private record Runs(Admin admin, String kafka, String source, SubjectLocator locator, int maxPoll, String run) {

        double throughput(String label, RecordProcessor processor, int workers, int records) throws Exception {
            StreamDefinition stream = stream(label.replaceAll("[^a-z]", "") + "-" + workers, source);
            createTopics(admin, stream.targetTopic());
            long start = System.nanoTime();
            Map<String, Long> cpuBefore = ProcessCpu.snapshot();
            SubjectLocator.Written locatedBefore = locator.written();
            try (var pipeline = new PipelineRun(kafka, stream, processor, locator, workers, maxPoll)) {
                double rate = pipeline.sustainedRate(records);
                SubjectLocator.Written located = locator.written();
                System.out.printf(
                        "%s, %d worker(s): %,d records in %.1f s, sustained %,.0f records/s (load average %.1f)%n  %s%n"
                                + "  locator: %,d documents for %,d located records%n  batches: %s%n",
                        label,
                        workers,
                        records,
                        (System.nanoTime() - start) / 1e9,
                        rate,
                        loadAverage(),
                        ProcessCpu.perRecord(cpuBefore, ProcessCpu.snapshot(), records),
                        located.documents() - locatedBefore.documents(),
                        located.records() - locatedBefore.records(),
                        pipeline.batchProfile());
                return rate;
            }
        }

        /** JIT and key caches warm before anything is measured. */
        void warmUp(String name, RecordProcessor processor, int records) throws Exception {
            StreamDefinition stream = stream(name, source);
            createTopics(admin, stream.targetTopic());
            try (var pipeline = new PipelineRun(kafka, stream, processor, locator, 1, maxPoll)) {
                // Printed: how fast this machine is right now, beside the figures that follow.
                System.out.printf(
                        "%s, 1 worker: %,.0f records/s (load average %.1f)%n",
                        name, pipeline.sustainedRate(records), loadAverage());
            }
        }

        LatencyRun.Latencies latency(RecordProcessor processor, int workers, int rate) throws Exception {
            String latencySource = source.replace(".raw", "-latency.raw");
            createTopics(admin, latencySource, latencySource + ".dlq");
            StreamDefinition stream = stream("latency", latencySource);
            createTopics(admin, stream.targetTopic());
            try (var pipeline = new PipelineRun(kafka, stream, processor, locator, workers, maxPoll)) {
                LatencyRun.Latencies latencies = LatencyRun.measure(
                        kafka,
                        latencySource,
                        stream.targetTopic(),
                        rate,
                        // Not 10 s: a paced stream makes the JIT compile the Kafka clients' paths anew (JFR: ~10 s
                        // of C2 time in the first 20 s, Sender.sendProducerData alone 3 s), which a process that
                        // runs for days pays once; the per-second worst latencies printed show that start too.
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        pipeline::committed);
                System.out.printf(
                        "latency stream: %,d records committed%n  batches: %s%n",
                        pipeline.committed(), pipeline.batchProfile());
                return latencies;
            }
        }

        private StreamDefinition stream(String name, String from) {
            String full = "bench-" + run + "-" + name;
            return new StreamDefinition(
                    full,
                    TENANT,
                    from,
                    full + ".clean",
                    "shop",
                    "orders",
                    IngestWorkload.SUBJECT_PATH,
                    IngestWorkload.POLICY);
        }
    }

    private static void createTopics(Admin admin, String... names) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, PARTITIONS, (short) 1));
        }
        admin.createTopics(topics).all().get();
        // Producers that start before every partition has a leader retry for a long time (seen: a
        // whole latency run on one partition), which is not what this bench measures.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!haveLeaders(admin, names)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The topics " + List.of(names) + " have no leaders after 30 s");
            }
            Thread.sleep(100);
        }
    }

    private static boolean haveLeaders(Admin admin, String... names) throws InterruptedException {
        try {
            return admin.describeTopics(List.of(names)).allTopicNames().get().values().stream()
                    .allMatch(topic -> topic.partitions().stream().allMatch(partition -> partition.leader() != null));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // created, not yet known to the broker's metadata
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static double preload(String kafka, String source, int records) {
        var workload = new IngestWorkload(42);
        long bytes = 0;
        try (var producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka,
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        262_144,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                byte[] value = workload.next(i);
                bytes += value.length;
                producer.send(new ProducerRecord<>(source, IngestWorkload.key(i), value));
            }
        }
        return (double) bytes / records;
    }

    /** Protects the preloaded records once without Kafka (same workload, same seed). */
    private static void warmDirectly(RecordProtector protector, int records) {
        var workload = new IngestWorkload(42);
        StreamDefinition stream = ProtectorFixture.STREAM;
        for (long i = 0; i < records; i++) {
            protector.process(stream, IngestWorkload.key(i), workload.next(i));
        }
    }

    /** The first records of the workload, for the fields a person would confirm. */
    private static String[] sample() {
        var workload = new IngestWorkload(42);
        String[] sample = new String[100];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = new String(workload.next(i), java.nio.charset.StandardCharsets.UTF_8);
        }
        return sample;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static Map<String, String> options(String[] args) {
        var options = new java.util.HashMap<String, String>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                options.put("records", arg);
            }
        }
        return options;
    }
}
