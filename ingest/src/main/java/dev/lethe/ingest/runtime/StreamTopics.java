package dev.lethe.ingest.runtime;

import dev.lethe.ingest.StreamDefinition;
import dev.lethe.ingest.registry.StreamSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The Kafka topics of a stream: its source and target must exist (or be created on request), and its
 * dead-letter topic is created with it, so that a poisoned record always has somewhere to go. A dead
 * letter holds a record Lethe could not protect, personal data in clear: the topic keeps it only for
 * {@code lethe.ingest.dead-letter-retention} (Kafka's {@code retention.ms}), set when the topic is
 * created and again whenever the stream is registered or changed, so a changed setting reaches topics
 * that already exist.
 */
public final class StreamTopics implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final int partitions;
    private final Optional<Short> replicationFactor;
    private final Duration deadLetterRetention;

    public StreamTopics(Admin admin, int partitions, short replicationFactor, Duration deadLetterRetention) {
        this.admin = admin;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
        this.deadLetterRetention = deadLetterRetention;
    }

    /**
     * Makes sure the stream's topics exist: the dead-letter topic always, the others only when {@code
     * create} is set.
     *
     * @throws MissingTopicsException naming the source or target topics that don't exist
     */
    public void prepare(StreamSpec spec, boolean create) {
        Set<String> existing = existing();
        Set<String> missing = new TreeSet<>();
        for (String topic : List.of(spec.sourceTopic(), spec.targetTopic())) {
            if (!existing.contains(topic)) {
                missing.add(topic);
            }
        }
        if (!missing.isEmpty() && !create) {
            throw new MissingTopicsException(missing);
        }
        List<NewTopic> toCreate =
                new ArrayList<>(missing.stream().map(this::newTopic).toList());
        String deadLetter = spec.sourceTopic() + StreamDefinition.DEAD_LETTER_SUFFIX;
        if (existing.contains(deadLetter)) {
            limitRetention(deadLetter);
        } else {
            toCreate.add(newTopic(deadLetter).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, retentionMs())));
        }
        create(toCreate);
    }

    /** Sets the dead-letter retention on a topic that exists (idempotent: setting the same value changes nothing). */
    private void limitRetention(String topic) {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        var retention = new AlterConfigOp(
                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retentionMs()), AlterConfigOp.OpType.SET);
        await(admin.incrementalAlterConfigs(Map.of(resource, List.of(retention)))
                .all());
    }

    private String retentionMs() {
        return Long.toString(deadLetterRetention.toMillis());
    }

    private NewTopic newTopic(String topic) {
        return new NewTopic(topic, Optional.of(partitions), replicationFactor);
    }

    private Set<String> existing() {
        return await(admin.listTopics().names());
    }

    private void create(List<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try {
            await(admin.createTopics(topics).all());
        } catch (KafkaUnavailableException e) {
            // Created by someone else in between: what we wanted.
            if (!(e.getCause() instanceof ExecutionException execution
                    && execution.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException(e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    /** Source or target topics that don't exist; the client may ask for them to be created. */
    public static final class MissingTopicsException extends RuntimeException {
        private final Set<String> topics;

        MissingTopicsException(Set<String> topics) {
            super("The topics " + topics + " do not exist; register again with ?createTopics=true to create them"
                    + " (with the configured partitions), or create them yourself");
            this.topics = Set.copyOf(topics);
        }

        /** The topics that don't exist. */
        public Set<String> topics() {
            return topics;
        }
    }

    /** Kafka did not answer in time. */
    public static final class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(Throwable cause) {
            super("Kafka did not answer: the stream was not registered", cause);
        }
    }
}
