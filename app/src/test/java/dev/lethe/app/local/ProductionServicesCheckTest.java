package dev.lethe.app.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.local.ProductionServicesCheck.ExternalService;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductionServicesCheckTest {

    private static final ExternalService KAFKA =
            new ExternalService("Kafka", "spring.kafka.bootstrap-servers", env -> Optional.empty());

    @Test
    void readsHostAndPortFromJdbcUrlsUrisAndHostLists() {
        assertThat(ProductionServicesCheck.addresses("jdbc:postgresql://db.internal:6432/lethe"))
                .containsExactly(InetSocketAddress.createUnresolved("db.internal", 6432));
        assertThat(ProductionServicesCheck.addresses("jdbc:postgresql://db.internal/lethe"))
                .containsExactly(InetSocketAddress.createUnresolved("db.internal", 5432));
        assertThat(ProductionServicesCheck.addresses("k1:9092, k2:9093"))
                .containsExactly(
                        InetSocketAddress.createUnresolved("k1", 9092), InetSocketAddress.createUnresolved("k2", 9093));
        assertThat(ProductionServicesCheck.addresses("https://es.internal"))
                .containsExactly(InetSocketAddress.createUnresolved("es.internal", 443));
    }

    @Test
    void aMissingSettingNamesThePropertyAndTheEnvironmentVariable() {
        assertThat(ProductionServicesCheck.problem(KAFKA, " "))
                .hasValue("Kafka is not configured: set spring.kafka.bootstrap-servers "
                        + "(environment: SPRING_KAFKA_BOOTSTRAP_SERVERS)");
    }

    @Test
    void anUnreachableServiceIsNamedWithWhereItWasLookedFor() {
        // Port 1 on loopback: nothing listens there, and the refusal is immediate.
        assertThat(ProductionServicesCheck.problem(KAFKA, "127.0.0.1:1"))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("Kafka at 127.0.0.1:1 is unreachable")
                        .contains("spring.kafka.bootstrap-servers"));
    }

    @Test
    void aSettingWithoutAHostIsReportedNotThrown() {
        assertThat(ProductionServicesCheck.problem(KAFKA, "://"))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("Kafka: cannot read"));
    }

    @Test
    void credentialsInASettingNeverReachTheMessage() {
        assertThat(ProductionServicesCheck.problem(KAFKA, "https://user:s3cret@127.0.0.1:1"))
                .hasValueSatisfying(problem -> assertThat(problem).doesNotContain("s3cret"));
        assertThat(ProductionServicesCheck.problem(KAFKA, "https://user:s3cret@ bad host"))
                .hasValueSatisfying(problem -> assertThat(problem).doesNotContain("s3cret"));
    }
}
