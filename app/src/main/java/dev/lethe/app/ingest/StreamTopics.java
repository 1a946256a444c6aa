package dev.lethe.app.ingest;

import dev.lethe.ingest.StreamDefinition;
import dev.lethe.ingest.registry.StreamSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The Kafka topics of a stream: its source and target must exist (or be created on request), and its
 * dead-letter topic is created with it, so that a poisoned record always has somewhere to go.
 */
final class StreamTopics implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final int partitions;
    private final Optional<Short> replicationFactor;

    StreamTopics(Admin admin, int partitions, short replicationFactor) {
        this.admin = admin;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
    }

    /**
     * Makes sure the stream's topics exist: the dead-letter topic always, the others only when {@code
     * create} is set.
     *
     * @throws MissingTopicsException naming the source or target topics that don't exist
     */
    void prepare(StreamSpec spec, boolean create) {
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
        List<String> toCreate = new ArrayList<>(missing);
        String deadLetter = spec.sourceTopic() + StreamDefinition.DEAD_LETTER_SUFFIX;
        if (!existing.contains(deadLetter)) {
            toCreate.add(deadLetter);
        }
        create(toCreate);
    }

    private Set<String> existing() {
        return await(admin.listTopics().names());
    }

    private void create(List<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try {
            await(admin.createTopics(topics.stream()
                            .map(topic -> new NewTopic(topic, Optional.of(partitions), replicationFactor))
                            .toList())
                    .all());
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
    static final class MissingTopicsException extends RuntimeException {
        final Set<String> topics;

        MissingTopicsException(Set<String> topics) {
            super("The topics " + topics + " do not exist; register again with ?createTopics=true to create them"
                    + " (with the configured partitions), or create them yourself");
            this.topics = Set.copyOf(topics);
        }
    }

    /** Kafka did not answer in time. */
    static final class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(Throwable cause) {
            super("Kafka did not answer: the stream was not registered", cause);
        }
    }
}
