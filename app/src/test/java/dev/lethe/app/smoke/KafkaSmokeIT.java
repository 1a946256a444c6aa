package dev.lethe.app.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.infra.testing.UniqueNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

class KafkaSmokeIT extends AppIntegrationTest {

    @Autowired
    KafkaAdmin admin;

    @Autowired
    KafkaTemplate<String, String> template;

    @Autowired
    ConsumerFactory<String, String> consumers;

    @Test
    void aRecordProducedThroughSpringKafkaIsConsumedBack() throws Exception {
        String topic = UniqueNames.of("smoke");
        admin.createOrModifyTopics(
                TopicBuilder.name(topic).partitions(1).replicas(1).build());

        template.send(topic, "order-1", "{\"total\":42}").get();

        assertThat(readAll(topic)).containsExactly("order-1={\"total\":42}");
    }

    private List<String> readAll(String topic) {
        List<String> seen = new ArrayList<>();
        try (Consumer<String, String> consumer = consumers.createConsumer(UniqueNames.of("group"), "smoke")) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }
}
