package dev.lethe.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts its own set of services (not the shared one): it stops and restarts them on one data directory. */
class LocalServicesIT {

    @TempDir
    Path dataDir;

    /** JUnit makes temporary directories private; Elasticsearch's unprivileged user must reach in. */
    @BeforeEach
    void letElasticsearchIn() throws IOException {
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aRestartKeepsRowsAndRecordsAndOneDataDirectoryServesOneInstance() throws Exception {
        LocalServicesSettings settings = LocalServicesSettings.onFreePorts(dataDir);
        try (LocalServices services = LocalServices.start(settings)) {
            assertThat(services.health()).containsOnlyKeys("PostgreSQL", "Elasticsearch", "Kafka", "Temporal");
            assertThat(services.health().values()).containsOnly(true);
            try (Connection db = connect(services)) {
                db.createStatement().execute("create table kept (id int primary key, note text)");
                db.createStatement().execute("insert into kept values (1, 'survives a restart')");
            }
            try (Admin admin = Admin.create(
                    Map.of("bootstrap.servers", services.endpoints().kafkaBootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1)))
                        .all()
                        .get();
            }
            try (var producer = producer(services)) {
                producer.send(new ProducerRecord<>("kept", "k1", "still here")).get();
            }
            assertThatThrownBy(() -> LocalServices.start(LocalServicesSettings.onFreePorts(dataDir)))
                    .isInstanceOf(LocalServiceException.class)
                    .hasMessageContaining("in use by another running Lethe")
                    .hasMessageContaining("--data-dir");
        }

        try (LocalServices again = LocalServices.start(settings)) {
            try (Connection db = connect(again);
                    var rows = db.createStatement().executeQuery("select note from kept where id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("survives a restart");
            }
            assertThat(consumeAll(again, "kept")).containsExactly("k1=still here");
        }
        assertThat(Files.exists(dataDir.resolve("kafka/kafka.pid"))).isFalse();
    }

    @Test
    void aServiceThatFailsToStartShowsItsLogAndTheOthersAreStoppedAgain() throws Exception {
        var free = LocalServicesSettings.onFreePorts(dataDir);
        var es = free.elasticsearch();
        // A heap too small for any JVM: Elasticsearch's own start fails after the others are up.
        var settings = new LocalServicesSettings(
                dataDir,
                free.postgres(),
                free.kafka(),
                new LocalServicesSettings.Elasticsearch(es.port(), es.transportPort(), "2k", null, null),
                free.temporal(),
                null);

        assertThatThrownBy(() -> LocalServices.start(settings))
                .isInstanceOf(LocalServiceException.class)
                .hasMessageContaining("Elasticsearch")
                .hasMessageContaining("log");

        assertThat(Ports.isFree(free.postgres().port()))
                .as("PostgreSQL stopped")
                .isTrue();
        assertThat(Ports.isFree(free.kafka().port())).as("Kafka stopped").isTrue();
        assertThat(Ports.isFree(free.temporal().port())).as("Temporal stopped").isTrue();
        // The data directory is free for the next attempt.
        try (LocalServices retry = LocalServices.start(LocalServicesSettings.onFreePorts(dataDir))) {
            assertThat(retry.health().values()).containsOnly(true);
        }
    }

    @Test
    void aPortInUseIsNamedWithThePropertyThatMovesIt() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var settings = new LocalServicesSettings(
                    dataDir, null, new LocalServicesSettings.Kafka(taken.getLocalPort(), null, null), null, null, null);
            assertThatThrownBy(() -> LocalServices.start(settings))
                    .isInstanceOf(LocalServiceException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " (Kafka)")
                    .hasMessageContaining("lethe.infra.kafka.port")
                    .hasMessageContaining("LETHE_INFRA_KAFKA_PORT");
        }
    }

    private static Connection connect(LocalServices services) throws Exception {
        return DriverManager.getConnection(services.endpoints().jdbcUrl("postgres"), "postgres", "");
    }

    private static KafkaProducer<String, String> producer(LocalServices services) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        services.endpoints().kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    private static List<String> consumeAll(LocalServices services, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
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
