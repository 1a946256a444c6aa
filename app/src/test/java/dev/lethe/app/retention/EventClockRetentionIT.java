package dev.lethe.app.retention;

import static dev.lethe.app.catalog.CatalogHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.MariaDbServer;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.TestMariaDb;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An EVENT clock through the API, across three real systems and Temporal: one policy on the category {@code
 * contact.email}, 30 days after the subject's last activity ({@code seen_at}), over a PostgreSQL table, a
 * MariaDB table and an Elasticsearch index. A subject's last activity is the newest {@code
 * seen_at} of their records in any of the three, matched by e-mail address:
 *
 * <ul>
 *   <li>ann is active only in Elasticsearch (a fresh session): her old orders and logins stay;
 *   <li>bob's records are all old: they go, in every system;
 *   <li>cleo has an old and a fresh order: her old login stays too;
 *   <li>dan has one old login only: it goes;
 *   <li>hal is under a legal hold: his old records stay and are counted as held.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventClockRetentionIT extends AppIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String HELD = "hal@example.org";

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    final Instant now = Instant.now();
    final Instant old = now.minus(Duration.ofDays(400));
    final Instant fresh = now.minus(Duration.ofDays(1));
    final String postgresDatabase = TestServices.createDatabase("event_clock");
    final String postgresUser = UniqueNames.of("event_purger").replace('-', '_');
    final String postgresPassword = "Pw-" + UniqueNames.of("secret").replace('-', '_') + "-!x";
    final String indexPrefix = UniqueNames.of("activity").toLowerCase(Locale.ROOT);
    final String index = indexPrefix + "-sessions";
    String mariaDbDatabase;

    CatalogHttp engineer;
    CatalogHttp officer;
    String policyId;

    @BeforeAll
    void aTenantWithThreeSystemsAndAnEventClockPolicy() throws Exception {
        assumeTrue(TestMariaDb.unavailableReason().isEmpty(), "MariaDB is not installed");
        Tenant tenant = tenants.create(UniqueNames.of("event-clock"), "Event clock test");
        engineer = new CatalogHttp(port, key(tenant, Role.ENGINEER));
        officer = new CatalogHttp(port, key(tenant, Role.PRIVACY_OFFICER));
        seedPostgres();
        seedMariaDb();
        seedElasticsearch();
        connectAndConfirm(registration("shop", "postgresql", postgresConfig()));
        connectAndConfirm(registration("web", "mariadb", mariaDbConfig()));
        connectAndConfirm(registration(
                "search",
                "elasticsearch",
                Map.of("url", TestServices.endpoints().elasticsearchUrl(), "index-patterns", indexPrefix + "-*")));
        Map<String, Object> policy = new HashMap<>();
        policy.put("name", "Contact data 30 days after the last activity");
        policy.put("dataCategory", "contact.email");
        policy.put("period", "P30D");
        policy.put("clockKind", "EVENT");
        policy.put("clock", "seen_at");
        policyId = created(officer.post("/api/v1/retention-policies", policy))
                .get("id")
                .asString();
        created(officer.post(
                "/api/v1/legal-holds",
                Map.of("identities", Map.of("email", HELD), "reason", "Case 2026-301: litigation")));
    }

    @Test
    void inactiveSubjectsLoseTheirRecordsEverywhereActiveAndHeldOnesKeepThemAndARerunFindsNone() throws Exception {
        JsonNode preview = preview();

        assertCounts(target(preview, "orders"), "PENDING", 2, 2);
        assertCounts(target(preview, "logins"), "PENDING", 2, 0);
        assertCounts(target(preview, "sessions"), "PENDING", 1, 1);
        assertThat(target(preview, "orders").get("oldest").asString()).startsWith(day(old));
        assertThat(postgres("select count(*) from orders"))
                .as("a preview changes nothing")
                .isEqualTo(7);

        JsonNode first = finished(runNow());

        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("COMPLETED");
        assertCounts(result(first, "orders"), "DONE", 2, 2);
        assertCounts(result(first, "logins"), "DONE", 2, 0);
        assertCounts(result(first, "sessions"), "DONE", 1, 1);
        assertSystemsKeepOnlyWhatTheyMay();
        JsonNode after = preview();
        for (String dataset : List.of("orders", "logins", "sessions")) {
            assertThat(target(after, dataset).get("records").asLong()).isZero();
        }

        JsonNode second = finished(runNow());

        assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("COMPLETED");
        assertCounts(result(second, "orders"), "DONE", 0, 2);
        assertCounts(result(second, "logins"), "DONE", 0, 0);
        assertCounts(result(second, "sessions"), "DONE", 0, 1);
        assertSystemsKeepOnlyWhatTheyMay();
        String audit = officer.get("/api/v1/audit?limit=100").body();
        assertThat(audit).contains("retention.policy.enforced", "EVENT").doesNotContain("@example.org");
    }

    private void assertSystemsKeepOnlyWhatTheyMay() throws Exception {
        assertThat(postgres("select count(*) from orders where email = 'bob@example.org'"))
                .isZero();
        assertThat(postgres("select count(*) from orders where email = 'ann@example.org'"))
                .as("active elsewhere")
                .isEqualTo(2);
        assertThat(postgres("select count(*) from orders where email = '" + HELD + "'"))
                .as("held")
                .isEqualTo(2);
        assertThat(postgres("select count(*) from orders")).isEqualTo(5);
        assertThat(mariaDb("select count(*) from logins where email in ('ann@example.org', 'cleo@example.org')"))
                .isEqualTo(2);
        assertThat(mariaDb("select count(*) from logins")).isEqualTo(2);
        RetentionSystems.elasticsearch("POST", "/" + index + "/_refresh", null);
        JsonNode sessions = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(RetentionSystems.elasticsearch(
                        "POST", "/" + index + "/_search", "{\"query\": {\"match_all\": {}}, \"size\": 10}"));
        assertThat(sessions.path("hits").path("hits").findValuesAsString("email"))
                .containsExactlyInAnyOrder("ann@example.org", HELD);
    }

    private static void assertCounts(JsonNode resultOrTarget, String state, long records, long held) {
        assertThat(resultOrTarget.get("state").asString())
                .as(resultOrTarget.toString())
                .isEqualTo(state);
        assertThat(resultOrTarget.get("records").asLong())
                .as(resultOrTarget.toString())
                .isEqualTo(records);
        assertThat(resultOrTarget.get("held").asLong())
                .as(resultOrTarget.toString())
                .isEqualTo(held);
    }

    private void seedPostgres() throws SQLException {
        try (Connection connection = postgresConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table orders (id bigint primary key, email text, total integer,"
                    + " seen_at timestamptz not null)");
            statement.execute("create role " + postgresUser + " login password '" + postgresPassword + "'");
            statement.execute("grant connect on database \"" + postgresDatabase + "\" to " + postgresUser);
            statement.execute("grant usage on schema public to " + postgresUser);
            statement.execute("grant select, update, delete on all tables in schema public to " + postgresUser);
            insert(
                    connection,
                    "insert into orders values (?, ?, 10, ?)",
                    List.of(
                            row(1, "ann@example.org", old),
                            row(2, "ann@example.org", old),
                            row(3, "bob@example.org", old),
                            row(4, "bob@example.org", old),
                            row(5, HELD, old),
                            row(6, HELD, old),
                            row(7, "cleo@example.org", fresh)));
        }
    }

    private void seedMariaDb() throws SQLException {
        mariaDbDatabase = TestMariaDb.createDatabase("event_clock");
        try (Connection connection = TestMariaDb.server().connect(mariaDbDatabase);
                Statement statement = connection.createStatement()) {
            statement.execute("create table logins (id bigint primary key, email varchar(200) not null,"
                    + " seen_at datetime(6) not null)");
            insert(
                    connection,
                    "insert into logins values (?, ?, ?)",
                    List.of(
                            row(1, "bob@example.org", old),
                            row(2, "cleo@example.org", old),
                            row(3, "dan@example.org", old),
                            row(4, "Ann@Example.org", old)));
        }
    }

    private void seedElasticsearch() throws Exception {
        RetentionSystems.elasticsearch("PUT", "/" + index, """
                {"settings": {"number_of_replicas": 0}, "mappings": {"properties": {
                  "email": {"type": "keyword"}, "device": {"type": "keyword"}, "seen_at": {"type": "date"}}}}""");
        List<Object[]> sessions =
                List.of(row(1, "ann@example.org", fresh), row(2, "bob@example.org", old), row(3, HELD, old));
        for (Object[] session : sessions) {
            RetentionSystems.elasticsearch(
                    "PUT",
                    "/" + index + "/_doc/s" + session[0] + "?refresh=true",
                    "{\"email\": \"" + session[1] + "\", \"device\": \"phone\", \"seen_at\": \"" + session[2] + "\"}");
        }
    }

    private static Object[] row(long id, String email, Instant seenAt) {
        return new Object[] {id, email, seenAt};
    }

    private static void insert(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                insert.setLong(1, (Long) row[0]);
                insert.setString(2, (String) row[1]);
                insert.setTimestamp(3, Timestamp.from((Instant) row[2]));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private Map<String, Object> postgresConfig() {
        ServiceEndpoints services = TestServices.endpoints();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", services.postgresHost());
        config.put("port", services.postgresPort());
        config.put("database", postgresDatabase);
        config.put("user", postgresUser);
        config.put("password", postgresPassword);
        config.put("ssl-mode", "disable");
        return config;
    }

    private Map<String, Object> mariaDbConfig() {
        MariaDbServer server = TestMariaDb.server();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", server.host());
        config.put("port", server.port());
        config.put("database", mariaDbDatabase);
        config.put("user", server.user());
        config.put("ssl-mode", "disable");
        return config;
    }

    private static Map<String, Object> registration(String name, String type, Map<String, Object> config) {
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", UniqueNames.of(name + "-connection"));
        registration.put("type", type);
        registration.put("system", UniqueNames.of(name));
        registration.put("config", config);
        return registration;
    }

    private Connection postgresConnection() throws SQLException {
        ServiceEndpoints services = TestServices.endpoints();
        return DriverManager.getConnection(
                services.jdbcUrl(postgresDatabase),
                services.postgresUser(),
                Objects.toString(services.postgresPassword(), ""));
    }

    private long postgres(String query) throws SQLException {
        try (Connection connection = postgresConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private long mariaDb(String query) throws SQLException {
        try (Connection connection = TestMariaDb.server().connect(mariaDbDatabase);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private JsonNode preview() {
        HttpResponse<String> response = officer.post("/api/v1/retention-policies/" + policyId + "/preview", Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode preview = body(response);
        assertThat(preview.get("targets")).as(preview.toString()).hasSize(3);
        return preview;
    }

    private static JsonNode target(JsonNode preview, String datasetEnd) {
        for (JsonNode target : preview.get("targets")) {
            if (target.get("dataset").asString().endsWith(datasetEnd)) {
                return target;
            }
        }
        throw new AssertionError("no target *" + datasetEnd + " in " + preview);
    }

    private JsonNode runNow() {
        HttpResponse<String> started = officer.post("/api/v1/retention/runs", Map.of("policyIds", List.of(policyId)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return body(started);
    }

    private JsonNode finished(JsonNode run) {
        String path = "/api/v1/retention/runs/" + run.get("id").asString();
        return Eventually.require(
                "the run at " + path + " to finish",
                () -> body(officer.get(path)),
                node -> !node.get("status").asString().equals("RUNNING"),
                PATIENCE);
    }

    /** The run's result for the dataset whose name ends so. */
    private static JsonNode result(JsonNode run, String datasetEnd) {
        for (JsonNode policy : run.get("policies")) {
            for (JsonNode result : policy.get("results")) {
                if (result.get("dataset").asString().endsWith(datasetEnd)) {
                    return result;
                }
            }
        }
        throw new AssertionError("no result for *" + datasetEnd + " in " + run);
    }

    /** Registers a connection, discovers its datasets and confirms every field. */
    private void connectAndConfirm(Map<String, Object> registration) {
        String path = "/api/v1/connections/"
                + created(engineer.post("/api/v1/connections", registration))
                        .get("id")
                        .asString();
        HttpResponse<String> discovered = engineer.post(path + "/discover", Map.of());
        assertThat(discovered.statusCode()).as(discovered.body()).isEqualTo(200);
        for (JsonNode dataset : body(discovered).get("datasets")) {
            String datasetPath = "/api/v1/datasets/" + dataset.get("id").asString();
            HttpResponse<String> reviewed = engineer.post(
                    datasetPath + "/fields/review",
                    CatalogHttp.etag(engineer.get(datasetPath)),
                    Map.of("decision", "CONFIRM"));
            assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
        }
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return body(response);
    }

    private static String day(Instant instant) {
        return instant.toString().substring(0, 10);
    }

    private String key(Tenant owner, Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                owner.id(),
                () -> apiKeys.ensure(owner.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }
}
