package dev.lethe.app.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.infra.MariaDbServer;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.CommittedRecords;
import dev.lethe.infra.testing.TestMariaDb;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.ObjectMapper;

/**
 * The connected systems of the retention IT, each with records on both sides of a 30-day cutoff: expired
 * ones {@link #EXPIRED_AGE} old, fresh ones a day old. Person {@code n} is {@code person<n>@example.org};
 * {@link #HELD} is under a subject hold and has expired records in PostgreSQL.
 *
 * <ul>
 *   <li>PostgreSQL {@code public.events}: 10 expired (one of them the held subject's), 5 fresh;
 *   <li>PostgreSQL {@code public.tickets}: 4 expired, 2 fresh, the dataset under a legal hold;
 *   <li>MariaDB {@code <db>.visits}: 6 expired, 3 fresh;
 *   <li>Elasticsearch {@code <prefix>-sessions}: 5 expired, 2 fresh;
 *   <li>Kafka: a stream ingest protects, whose clean topic holds 6 expired and 3 fresh records (ingest keeps
 *       the source records' timestamps).
 * </ul>
 */
final class RetentionSystems {

    static final String HELD = "held.person@example.org";
    static final Duration EXPIRED_AGE = Duration.ofDays(400);
    static final Duration FRESH_AGE = Duration.ofDays(1);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    final Instant now = Instant.now();
    final String postgresDatabase = TestServices.createDatabase("retention_shop");
    final String postgresUser = UniqueNames.of("retention_purger").replace('-', '_');
    final String postgresPassword = "Pw-" + UniqueNames.of("secret").replace('-', '_') + "-!x";
    final String mariaDbDatabase;
    final String indexPrefix = UniqueNames.of("retention").toLowerCase(Locale.ROOT);
    final String index = indexPrefix + "-sessions";
    final String stream = UniqueNames.of("clicks");
    final String rawTopic = stream + ".raw";
    final String cleanTopic = stream + ".clean";

    RetentionSystems(boolean withMariaDb) throws Exception {
        postgres("""
                create table events (id bigint primary key, email text not null, kind text,
                                     created_at timestamptz not null);
                create table tickets (id bigint primary key, email text not null, body text,
                                      created_at timestamptz not null);
                """);
        try (Connection connection = postgresConnection()) {
            insertRows(connection, "events", 10, 5, 3);
            insertRows(connection, "tickets", 4, 2, 0);
        }
        postgres("create role " + postgresUser + " login password '" + postgresPassword + "'");
        postgres("grant connect on database \"" + postgresDatabase + "\" to " + postgresUser);
        postgres("grant usage on schema public to " + postgresUser);
        postgres("grant select, update, delete on all tables in schema public to " + postgresUser);

        mariaDbDatabase = withMariaDb ? TestMariaDb.createDatabase("retention_shop") : null;
        if (withMariaDb) {
            MariaDbServer server = TestMariaDb.server();
            try (Connection connection = server.connect(mariaDbDatabase);
                    Statement statement = connection.createStatement()) {
                statement.execute("create table visits (id bigint primary key, email varchar(200) not null,"
                        + " page varchar(200), created_at datetime(6) not null)");
                insertRows(connection, "visits", 6, 3, 0);
            }
        }

        elasticsearch("PUT", "/" + index, """
                {"settings": {"number_of_replicas": 0}, "mappings": {"properties": {
                  "email": {"type": "keyword"}, "device": {"type": "keyword"}, "created_at": {"type": "date"}}}}""");
        for (int i = 1; i <= 7; i++) {
            Instant at = i <= 5 ? expired() : fresh();
            elasticsearch(
                    "PUT",
                    "/" + index + "/_doc/s" + i + (i == 7 ? "?refresh=true" : ""),
                    "{\"email\": \"person" + i + "@example.org\", \"device\": \"phone\", \"created_at\": \"" + at
                            + "\"}");
        }
    }

    Instant expired() {
        return now.minus(EXPIRED_AGE);
    }

    Instant fresh() {
        return now.minus(FRESH_AGE);
    }

    /**
     * The stream's source records: 6 expired, then 3 fresh, with those timestamps; none of the held subject.
     * Each also carries its time as {@code timestamp}, as events often do: the run plans a policy's clock from
     * the catalog's fields, and the Kafka connector then purges by the records' own timestamps.
     */
    void produceClicks() throws Exception {
        keepForever(rawTopic, cleanTopic);
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        "bootstrap.servers", TestServices.endpoints().kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 1; i <= 9; i++) {
                Instant at = i <= 6 ? expired() : fresh();
                producer.send(new ProducerRecord<>(
                        rawTopic,
                        null,
                        at.toEpochMilli(),
                        "click-" + i,
                        "{\"click\": \"C-" + i + "\", \"customer\": {\"email\": \"person" + i
                                + "@example.org\"}, \"page\": \"/home\", \"timestamp\": \"" + at + "\"}"));
            }
        }
    }

    /**
     * Turns the broker's own time-based retention off for the topics: it would otherwise delete a partition
     * that holds only year-old records by itself, before any run, whenever its check comes round.
     */
    private static void keepForever(String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(
                "bootstrap.servers", TestServices.endpoints().kafkaBootstrapServers()))) {
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            for (String topic : topics) {
                changes.put(
                        new ConfigResource(ConfigResource.Type.TOPIC, topic),
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(changes).all().get();
        }
    }

    /** How many records a consumer reading the clean topic from its start gets now. */
    int cleanRecords(int atMost) {
        return CommittedRecords.read(cleanTopic, atMost + 1, Duration.ofSeconds(5))
                .size();
    }

    long postgresCount(String query) throws SQLException {
        try (Connection connection = postgresConnection();
                Statement statement = connection.createStatement();
                var result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    long mariaDbCount(String query) throws SQLException {
        try (Connection connection = TestMariaDb.server().connect(mariaDbDatabase);
                Statement statement = connection.createStatement();
                var result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    long indexCount() throws Exception {
        elasticsearch("POST", "/" + index + "/_refresh", null);
        return JSON.readTree(elasticsearch("POST", "/" + index + "/_count", "{\"query\": {\"match_all\": {}}}"))
                .get("count")
                .asLong();
    }

    Map<String, Object> postgresRegistration(String connection, String system) {
        ServiceEndpoints services = TestServices.endpoints();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", services.postgresHost());
        config.put("port", services.postgresPort());
        config.put("database", postgresDatabase);
        config.put("user", postgresUser);
        config.put("password", postgresPassword);
        config.put("ssl-mode", "disable");
        return registration(connection, "postgresql", system, config);
    }

    Map<String, Object> mariaDbRegistration(String connection, String system) {
        MariaDbServer server = TestMariaDb.server();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", server.host());
        config.put("port", server.port());
        config.put("database", mariaDbDatabase);
        config.put("user", server.user());
        // The test server has no TLS: the explicit opt-out a local system needs.
        config.put("ssl-mode", "disable");
        return registration(connection, "mariadb", system, config);
    }

    Map<String, Object> elasticsearchRegistration(String connection, String system) {
        return registration(
                connection,
                "elasticsearch",
                system,
                Map.of("url", TestServices.endpoints().elasticsearchUrl(), "index-patterns", indexPrefix + "-*"));
    }

    Map<String, Object> kafkaRegistration(String connection, String system) {
        return registration(
                connection,
                "kafka",
                system,
                Map.of(
                        "bootstrap-servers",
                        TestServices.endpoints().kafkaBootstrapServers(),
                        "topics",
                        cleanTopic,
                        "ingest-streams",
                        rawTopic + "->" + cleanTopic,
                        "subject-identity",
                        "email",
                        "security-protocol",
                        "PLAINTEXT"));
    }

    Map<String, Object> streamRegistration() {
        return Map.of(
                "name",
                stream,
                "sourceTopic",
                rawTopic,
                "targetTopic",
                cleanTopic,
                "system",
                "ingest-" + stream,
                "dataset",
                "clicks",
                "subjectPath",
                "$.customer.email",
                "policy",
                Map.of("contact.email", "DETERMINISTIC", "*", "REDACT"));
    }

    private static Map<String, Object> registration(
            String connection, String type, String system, Map<String, Object> config) {
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", connection);
        registration.put("type", type);
        registration.put("system", system);
        registration.put("config", config);
        return registration;
    }

    /** Rows 1..expired are expired, the next {@code fresh} ones fresh; row {@code heldRow} (if > 0) is the held subject's. */
    private void insertRows(Connection connection, String table, int expired, int fresh, int heldRow)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " values (?, ?, ?, ?)")) {
            for (int i = 1; i <= expired + fresh; i++) {
                insert.setLong(1, i);
                insert.setString(2, i == heldRow ? HELD : "person" + i + "@example.org");
                insert.setString(3, "row " + i);
                insert.setTimestamp(4, Timestamp.from(i <= expired ? expired() : fresh()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private Connection postgresConnection() throws SQLException {
        ServiceEndpoints services = TestServices.endpoints();
        return DriverManager.getConnection(
                services.jdbcUrl(postgresDatabase),
                services.postgresUser(),
                Objects.toString(services.postgresPassword(), ""));
    }

    private void postgres(String statements) throws SQLException {
        try (Connection connection = postgresConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }

    static String elasticsearch(String method, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(TestServices.endpoints().elasticsearchUrl() + path))
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 201);
        return response.body();
    }

    static List<String> types() {
        return List.of("postgresql", "mariadb", "elasticsearch", "kafka");
    }
}
