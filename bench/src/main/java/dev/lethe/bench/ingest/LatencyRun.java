package dev.lethe.bench.ingest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End-to-end latency at a fixed rate: a producer paced at {@code rate} records/s writes to the
 * source; a {@code read_committed} consumer of the target notes, for each record, the moment it
 * became visible minus the moment it was sent (the record timestamp, which the pipeline carries
 * over). Records sent during the warm-up are left out. The producer is a source application with the
 * Kafka 4 client's default linger (5 ms; {@code -Dlethe.bench.source-linger-ms}) and lz4.
 */
final class LatencyRun {

    record Latencies(long sent, long received, long p50Millis, long p99Millis, long maxMillis) {}

    private LatencyRun() {}

    static Latencies measure(
            String bootstrapServers,
            String source,
            String target,
            int rate,
            Duration warmUp,
            Duration measured,
            java.util.function.LongSupplier committed)
            throws Exception {
        long measureFrom = System.currentTimeMillis() + warmUp.toMillis();
        long total = rate * (warmUp.toSeconds() + measured.toSeconds());
        long[] latencies = new long[(int) total];
        int[] count = {0};
        long sendFrom = System.currentTimeMillis();
        int seconds = (int) (warmUp.toSeconds() + measured.toSeconds()) + 1;
        // The worst latency of the records sent in each second, warm-up included: where a tail comes from.
        long[] worstBySecond = new long[seconds];
        // What the pipeline had committed at the start of each second of sending.
        long[] committedBySecond = new long[seconds];
        var receivedAll = new java.util.concurrent.atomic.AtomicLong();
        var stop = new AtomicBoolean();
        Thread reader = Thread.ofPlatform().name("latency-reader").start(() -> {
            try (var consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers,
                            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                            "read_committed"),
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = List.of();
                while (partitions.isEmpty()) {
                    // A topic created a moment ago may not be in this client's metadata yet.
                    partitions = consumer.partitionsFor(target).stream()
                            .map(info -> new TopicPartition(target, info.partition()))
                            .toList();
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (!stop.get()) {
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.currentTimeMillis();
                        receivedAll.incrementAndGet();
                        int second = (int) Math.min(seconds - 1, Math.max(0, (record.timestamp() - sendFrom) / 1000));
                        worstBySecond[second] = Math.max(worstBySecond[second], now - record.timestamp());
                        if (record.timestamp() >= measureFrom && count[0] < latencies.length) {
                            latencies[count[0]++] = now - record.timestamp();
                        }
                    }
                }
            }
        });
        var workload = new IngestWorkload(7);
        long sentMeasured = 0;
        try (var producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.LINGER_MS_CONFIG,
                        Integer.getInteger("lethe.bench.source-linger-ms", 5),
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (i % rate == 0) {
                    committedBySecond[(int) Math.min(seconds - 1, i / rate)] = committed.getAsLong();
                }
                // The producer stamps the record with the current time: the send time.
                producer.send(new ProducerRecord<>(source, IngestWorkload.key(i), workload.next(i)));
                if (System.currentTimeMillis() >= measureFrom) {
                    sentMeasured++;
                }
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (receivedAll.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        stop.set(true);
        reader.join();
        System.out.println("  worst latency (ms) of the records sent in each second, from the first: "
                + Arrays.toString(worstBySecond));
        System.out.println(
                "  records the pipeline had committed at each second: " + Arrays.toString(committedBySecond));
        // The tail over time: a steady p99 is queueing, a p99 in one window only is a stall.
        int window = Math.max(1, count[0] / 6);
        for (int from = 0; from + window <= count[0]; from += window) {
            long[] part = Arrays.copyOfRange(latencies, from, from + window);
            Arrays.sort(part);
            System.out.printf(
                    "  window %d: p50 %d ms, p99 %d ms%n",
                    from / window, percentile(part, 0.50), percentile(part, 0.99));
        }
        long[] sorted = Arrays.copyOf(latencies, count[0]);
        Arrays.sort(sorted);
        return new Latencies(
                sentMeasured,
                sorted.length,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0
                ? -1
                : sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }
}
