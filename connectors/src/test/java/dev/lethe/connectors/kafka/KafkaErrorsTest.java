package dev.lethe.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.connectors.spi.ConnectorException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class KafkaErrorsTest {

    @Test
    void timeoutsMissingLeadersAndUnavailableBrokersAreRetriable() {
        assertThat(classify(new ExecutionException(new TimeoutException("key cust-1")))
                        .isRetriable())
                .isTrue();
        assertThat(classify(new java.util.concurrent.TimeoutException()).isRetriable())
                .isTrue();
        assertThat(classify(new NotLeaderOrFollowerException("x")).isRetriable())
                .isTrue();
        assertThat(classify(new LeaderNotAvailableException("x")).isRetriable()).isTrue();
        assertThat(classify(new BrokerNotAvailableException("x")).isRetriable()).isTrue();
        assertThat(classify(new KafkaException(new IOException("x"))).isRetriable())
                .isTrue();
    }

    @Test
    void credentialsAclsAndUnknownTopicsAreFatalAndNamedWithoutTheBrokersText() {
        ConnectorException acl = classify(new ExecutionException(
                new TopicAuthorizationException("Not authorized for ana@example.com", Set.of("orders"))));
        assertThat(acl.isRetriable()).isFalse();
        assertThat(acl.getMessage())
                .isEqualTo("Erasing failed: an ACL denies the operation to this user (TopicAuthorizationException)")
                .doesNotContain("ana@example.com");
        assertThat(classify(new SaslAuthenticationException("bad password")).isRetriable())
                .isFalse();
        assertThat(classify(new UnknownTopicOrPartitionException("x")))
                .satisfies(e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("a topic does not exist");
    }

    private static ConnectorException classify(Throwable error) {
        return KafkaErrors.classify("Erasing", error);
    }
}
