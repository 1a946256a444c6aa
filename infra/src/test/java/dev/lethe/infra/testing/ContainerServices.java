package dev.lethe.infra.testing;

import dev.lethe.infra.ServiceEndpoints;
import java.time.Duration;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same four services as Testcontainers, for machines with a Docker engine. */
final class ContainerServices {

    private ContainerServices() {}

    static ServiceEndpoints start() {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        var postgres = new PostgreSQLContainer("postgres:17-alpine");
        var kafka = new KafkaContainer("apache/kafka:4.1.0");
        var elasticsearch = new GenericContainer<>("docker.elastic.co/elasticsearch/elasticsearch:9.2.0")
                .withEnv("discovery.type", "single-node")
                .withEnv("xpack.security.enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withExposedPorts(9200)
                .waitingFor(Wait.forHttp("/_cluster/health").forStatusCode(200))
                .withStartupTimeout(Duration.ofMinutes(3));
        var temporal = new GenericContainer<>("temporalio/temporal:1.4.1")
                .withCommand("server", "start-dev", "--ip", "0.0.0.0")
                .withExposedPorts(7233)
                .waitingFor(Wait.forListeningPort());
        postgres.start();
        kafka.start();
        elasticsearch.start();
        temporal.start();
        return new ServiceEndpoints(
                postgres.getHost(),
                postgres.getMappedPort(5432),
                postgres.getUsername(),
                postgres.getPassword(),
                kafka.getBootstrapServers(),
                "http://" + elasticsearch.getHost() + ":" + elasticsearch.getMappedPort(9200),
                temporal.getHost() + ":" + temporal.getMappedPort(7233));
    }

    /** Whether the integration tests were asked to use containers ({@code -Pcontainers}). */
    static boolean requested() {
        return "containers".equals(System.getProperty("lethe.it.services"));
    }

    static Optional<String> unavailableReason() {
        return dockerAvailable()
                ? Optional.empty()
                : Optional.of("the containers profile needs a Docker engine, and none answers here "
                        + "(run ./mvnw verify without -Pcontainers to use the embedded services)");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a module without Testcontainers on its test class path.
            return false;
        }
    }
}
