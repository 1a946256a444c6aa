package dev.lethe.infra.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic as a downstream consumer does ({@code read_committed}), from the beginning. */
public final class CommittedRecords {

    private CommittedRecords() {}

    /**
     * Waits up to {@code patience} for {@code expected} records, then looks once more, so that a
     * duplicate beyond the expected count is seen too. Sorted by timestamp.
     */
    public static List<ConsumerRecord<String, String>> read(String topic, int expected, Duration patience) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServices.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                UniqueNames.of("reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + patience.toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(seen::add);
        }
        seen.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        return seen;
    }
}
