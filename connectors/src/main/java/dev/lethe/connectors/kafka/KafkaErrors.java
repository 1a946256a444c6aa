package dev.lethe.connectors.kafka;

import dev.lethe.connectors.spi.ConnectorException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Kafka's errors, classified once: what a later attempt may cure (timeouts, a partition without a
 * leader, a broker that is down or moving, the locator unreachable) against what a person must fix
 * (credentials, ACLs, a topic that does not exist). Messages name the kind of error and the topic,
 * never a broker's text (it can quote keys).
 */
final class KafkaErrors {

    private KafkaErrors() {}

    static ConnectorException classify(String what, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ConnectorException connector) {
            return connector;
        }
        String kind = cause.getClass().getSimpleName();
        String message = what + " failed: " + describe(cause) + " (" + kind + ")";
        return isRetriable(cause)
                ? ConnectorException.retriable(message, null)
                : ConnectorException.fatal(message, null);
    }

    static boolean isRetriable(Throwable cause) {
        if (cause instanceof UnknownTopicOrPartitionException) {
            // Kafka calls it retriable (metadata may lag behind a new topic); for a registered
            // connection it means the topic is not there, and a person must act.
            return false;
        }
        return cause instanceof RetriableException // timeouts, not leader, network, coordinator moving
                || cause instanceof java.util.concurrent.TimeoutException // our own wait for an answer
                || cause instanceof BrokerNotAvailableException
                || cause instanceof IOException // the locator (Elasticsearch) unreachable
                || cause instanceof java.io.UncheckedIOException
                || (cause instanceof KafkaException
                        && !(cause instanceof AuthorizationException)
                        && !(cause instanceof AuthenticationException)
                        && !(cause instanceof InvalidTopicException)
                        && cause.getClass() == KafkaException.class); // a generic client error: I/O
    }

    static String describe(Throwable cause) {
        if (cause instanceof AuthenticationException) {
            return "the brokers refused the credentials (or the TLS handshake failed)";
        }
        if (cause instanceof AuthorizationException) {
            return "an ACL denies the operation to this user";
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return "a topic does not exist";
        }
        if (cause instanceof InvalidTopicException) {
            return "a topic name is not valid";
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException
                || cause instanceof java.util.concurrent.TimeoutException) {
            return "the brokers did not answer in time";
        }
        if (cause instanceof RetriableException || cause instanceof BrokerNotAvailableException) {
            return "a broker or partition leader is not available";
        }
        if (cause instanceof IOException || cause instanceof java.io.UncheckedIOException) {
            return "the subject locator (Elasticsearch) could not be reached";
        }
        return "Kafka reported an error";
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause.getClass() == KafkaException.class && cause.getCause() != null) {
            return unwrap(cause.getCause());
        }
        return cause;
    }
}
