package dev.lethe.ingest.registry;

/** A stream names a Kafka topic its tenant may not read or write: a {@code 403} problem. */
public final class TopicNotAllowedException extends RuntimeException {

    public TopicNotAllowedException(String message) {
        super(message);
    }
}
