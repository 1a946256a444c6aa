package dev.lethe.app.connectors;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static dev.lethe.catalog.jooq.Tables.CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Connections registered, tested, discovered into the catalog and asked to locate a subject through the
 * API, against a real PostgreSQL shop; secrets sealed at rest, never in responses, audit entries or
 * logs, and rotating with the KEK.
 */
class ConnectionApiIT extends AppIntegrationTest {

    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static ShopDatabase shop;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    Tenant tenant;
    CatalogHttp engineer;
    CatalogHttp officer;
    CatalogHttp auditor;
    CatalogHttp readOnly;

    @BeforeAll
    static void seedShopAndCaptureLogs() throws SQLException {
        shop = ShopDatabase.create();
        LOGS.start();
        root().addAppender(LOGS);
        ((Logger) LoggerFactory.getLogger("dev.lethe")).setLevel(Level.DEBUG);
    }

    @AfterAll
    static void stopCapturing() {
        root().detachAppender(LOGS);
        ((Logger) LoggerFactory.getLogger("dev.lethe")).setLevel(Level.INFO);
    }

    @BeforeEach
    void tenantWithKeys() {
        tenant = tenants.create(UniqueNames.of("conn"), "Connection API test");
        engineer = new CatalogHttp(port, key(Role.ENGINEER, Scope.all()));
        officer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER, Scope.all()));
        auditor = new CatalogHttp(port, key(Role.AUDITOR, Scope.all()));
        readOnly = new CatalogHttp(port, key(Role.ENGINEER, Set.of(Scope.READ)));
    }

    @AfterEach
    void thePasswordWasNeverLogged() {
        List<String> lines = new ArrayList<>();
        synchronized (LOGS) {
            LOGS.list.forEach(event -> {
                lines.add(event.getFormattedMessage());
                if (event.getThrowableProxy() != null) {
                    lines.add(event.getThrowableProxy().getMessage());
                }
            });
        }
        assertThat(lines).noneMatch(line -> line != null && line.contains(shop.password()));
    }

    @Test
    void connectorTypesDescribeTheirSettingsForAForm() {
        HttpResponse<String> response = auditor.get("/api/v1/connector-types");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode postgres = only(CatalogHttp.body(response), "name", "postgresql");
        assertThat(postgres.get("description").asString()).contains("PostgreSQL");
        assertThat(texts(postgres.get("capabilities")))
                .contains("TEST", "DISCOVER", "LOCATE", "ERASE", "PURGE", "VERIFY");
        JsonNode password = only(postgres.get("fields"), "name", "password");
        assertThat(password.get("secret").asBoolean()).isTrue();
        assertThat(password.get("type").asString()).isEqualTo("STRING");
        JsonNode port = only(postgres.get("fields"), "name", "port");
        assertThat(port.get("defaultValue").asString()).isEqualTo("5432");
        assertThat(port.get("type").asString()).isEqualTo("PORT");
        assertThat(only(postgres.get("fields"), "name", "host").get("required").asBoolean())
                .isTrue();
        assertThat(texts(only(postgres.get("fields"), "name", "ssl-mode").get("allowedValues")))
                .containsExactly("verify-full", "verify-ca", "require", "prefer", "disable");
    }

    @Test
    void aConnectionKeepsItsPasswordSealedAndNeverShowsIt() throws Exception {
        String name = UniqueNames.of("shop");
        String system = UniqueNames.of("shop-db");

        HttpResponse<String> created = engineer.post("/api/v1/connections", shop.registration(name, system));
        HttpResponse<String> duplicate = engineer.post("/api/v1/connections", shop.registration(name, system));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertProblem(duplicate, 409, "already exists");
        JsonNode connection = CatalogHttp.body(created);
        String path = "/api/v1/connections/" + connection.get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue(path);
        assertThat(connection.get("type").asString()).isEqualTo("postgresql");
        assertThat(connection.get("system").asString()).isEqualTo(system);
        assertThat(connection.get("config").get("user").asString()).isEqualTo(shop.user());
        assertThat(connection.get("config").get("password").get("set").asBoolean())
                .isTrue();
        assertThat(engineer.get("/api/v1/systems").body()).contains("\"name\":\"" + system + "\"");
        HttpResponse<String> read = auditor.get(path);
        HttpResponse<String> listed = auditor.get("/api/v1/connections");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(List.of(created.body(), read.body(), listed.body()))
                .noneMatch(body -> body.contains(shop.password()));

        // A change that leaves the password out keeps it: the connection still signs in.
        Map<String, Object> change = shop.registration(name, system);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) change.get("config"));
        config.remove("password");
        config.put("statement-timeout-seconds", 20);
        change.put("config", config);
        HttpResponse<String> stale = engineer.put(path, "\"7\"", change);
        HttpResponse<String> changed = engineer.put(path, CatalogHttp.etag(read), change);
        assertProblem(stale, 409, "version");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(CatalogHttp.etag(changed)).isEqualTo("\"2\"");
        assertThat(CatalogHttp.body(changed)
                        .get("config")
                        .get("statement-timeout-seconds")
                        .asString())
                .isEqualTo("20");
        assertThat(CatalogHttp.body(changed)
                        .get("config")
                        .get("password")
                        .get("set")
                        .asBoolean())
                .isTrue();
        assertThat(testConnection(engineer, path).get("passed").asBoolean()).isTrue();

        // null clears a secret; a new value replaces it.
        config.put("password", null);
        HttpResponse<String> cleared = engineer.put(path, CatalogHttp.etag(changed), change);
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        assertThat(CatalogHttp.body(cleared)
                        .get("config")
                        .get("password")
                        .get("set")
                        .asBoolean())
                .isFalse();
        config.put("password", shop.password());
        changed = engineer.put(path, CatalogHttp.etag(cleared), change);
        assertThat(CatalogHttp.body(changed)
                        .get("config")
                        .get("password")
                        .get("set")
                        .asBoolean())
                .isTrue();

        // At rest: the password is in no column, not even in the sealed secrets; the audit names columns only.
        var row = owner().selectFrom(CONNECTION)
                .where(CONNECTION.ID.eq(UUID.fromString(connection.get("id").asString())))
                .fetchSingle();
        byte[] password = shop.password().getBytes(StandardCharsets.UTF_8);
        assertThat(row.getConfig().data()).doesNotContain(shop.password()).contains(shop.user());
        assertThat(indexOf(row.getSecrets(), password)).isEqualTo(-1);
        assertThat(indexOf(row.getSecretsDek(), password)).isEqualTo(-1);
        assertThat(row.getSecretNames()).containsExactly("password");
        var audit = owner().selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .and(AUDIT_ENTRY.ACTION.like("catalog.connection.%"))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetch();
        assertThat(audit)
                .extracting(entry -> entry.getAction())
                .containsExactly(
                        "catalog.connection.created",
                        "catalog.connection.updated",
                        "catalog.connection.updated",
                        "catalog.connection.updated");
        assertThat(audit.map(entry -> entry.getDetails().data()).toString())
                .doesNotContain(shop.password())
                .contains("secrets");

        assertThat(auditor.delete(path, CatalogHttp.etag(changed)).statusCode()).isEqualTo(403);
        assertThat(engineer.delete(path, CatalogHttp.etag(changed)).statusCode())
                .isEqualTo(204);
        assertThat(engineer.get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void badSettingsAreRefusedNamingEachField() {
        Map<String, Object> registration = shop.registration(UniqueNames.of("bad"), "shop");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new HashMap<>((Map<String, Object>) registration.get("config"));
        config.put("port", "fifty");
        config.remove("database");
        config.put("colour", "blue");
        config.put("ssl-mode", "sometimes");
        registration.put("config", config);

        HttpResponse<String> refused = engineer.post("/api/v1/connections", registration);
        HttpResponse<String> unknownType =
                engineer.post("/api/v1/connections", with(shop.registration("x", "shop"), "type", "oracle"));

        assertProblem(refused, 400, "config:");
        List<String> fields = new ArrayList<>();
        CatalogHttp.body(refused)
                .get("problems")
                .forEach(problem -> fields.add(problem.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("port", "database", "colour", "ssl-mode");
        assertThat(refused.body())
                .contains("is required")
                .contains("is not a port")
                .doesNotContain(shop.password());
        assertProblem(unknownType, 400, "type 'oracle' is unknown");
        assertThat(unknownType.body()).contains("postgresql");
        assertThat(engineer.get("/api/v1/connections").body()).isEqualTo("[]");
    }

    @Test
    void theGuardRefusesRegistrationsThatPointInsideTheNetwork() {
        for (String host : List.of("127.0.0.1", "[::1]", "169.254.169.254", "10.0.0.1", "localhost")) {
            Map<String, Object> registration = shop.registration(UniqueNames.of("inside"), "shop");
            @SuppressWarnings("unchecked")
            Map<String, Object> config = new HashMap<>((Map<String, Object>) registration.get("config"));
            config.put("host", host);
            config.put("port", 5432);
            registration.put("config", config);

            HttpResponse<String> refused = engineer.post("/api/v1/connections", registration);

            assertProblem(refused, 400, "config.host: Connections to " + host);
            assertThat(CatalogHttp.body(refused).get("title").asString()).isEqualTo("Target refused");
            assertThat(CatalogHttp.body(refused).get("field").asString()).isEqualTo("host");
            assertThat(refused.body())
                    .contains("lethe.connectors.allowed-targets")
                    .doesNotContain(shop.password());
        }
        assertThat(engineer.get("/api/v1/connections").body()).isEqualTo("[]");
    }

    @Test
    void aTestOfAConnectionThatNowPointsInsideTheNetworkStopsAtTheGuard() {
        String id = CatalogHttp.body(engineer.post(
                        "/api/v1/connections", shop.registration(UniqueNames.of("shop"), UniqueNames.of("db"))))
                .get("id")
                .asString();
        // As if the allow-list had changed since the registration: the stored host is no longer allowed.
        owner().execute(
                        "update connection set config = jsonb_set(config, '{host}', '\"10.0.0.1\"') where id = ?::uuid",
                        id);

        JsonNode test = testConnection(engineer, "/api/v1/connections/" + id);

        assertThat(test.get("passed").asBoolean()).isFalse();
        assertThat(test.get("checks")).singleElement().satisfies(check -> {
            assertThat(check.get("name").asString()).isEqualTo("address allowed");
            assertThat(check.get("message").asString())
                    .contains("10.0.0.1")
                    .contains("lethe.connectors.allowed-targets");
        });
    }

    @Test
    void keysWithoutTheRoleOrTheWriteScopeAreRefused() {
        Map<String, Object> registration = shop.registration(UniqueNames.of("shop"), UniqueNames.of("shop-db"));
        String path = "/api/v1/connections/"
                + CatalogHttp.body(engineer.post("/api/v1/connections", registration))
                        .get("id")
                        .asString();
        Map<String, Object> subject = Map.of("identities", Map.of("email", "customer7@example.org"));

        assertProblem(auditor.post("/api/v1/connections", registration), 403, "roles");
        assertThat(readOnly.post("/api/v1/connections", registration).statusCode())
                .isEqualTo(403);
        assertProblem(auditor.post(path + "/test", Map.of()), 403, "roles");
        assertThat(readOnly.post(path + "/test", Map.of()).statusCode()).isEqualTo(403);
        assertProblem(auditor.post(path + "/discover", Map.of()), 403, "roles");
        assertProblem(engineer.post(path + "/locate", subject), 403, "PRIVACY_OFFICER");
        assertThat(readOnly.get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void discoveryFillsTheCatalogAndLocateFollowsWhatPeopleConfirmed() {
        String path = "/api/v1/connections/"
                + CatalogHttp.body(engineer.post(
                                "/api/v1/connections",
                                shop.registration(UniqueNames.of("shop"), UniqueNames.of("shop-db"))))
                        .get("id")
                        .asString();

        JsonNode test = testConnection(engineer, path);
        assertThat(test.get("passed").asBoolean()).as(test.toString()).isTrue();

        HttpResponse<String> discovered = engineer.post(path + "/discover", Map.of());
        assertThat(discovered.statusCode()).as(discovered.body()).isEqualTo(200);
        JsonNode summary = CatalogHttp.body(discovered);
        assertThat(summary.get("datasetsFound").asInt()).isEqualTo(7);
        assertThat(summary.get("datasetsCreated").asInt()).isEqualTo(7);
        assertThat(summary.get("referencesCreated").asInt()).isEqualTo(5);
        JsonNode customersFound = only(summary.get("datasets"), "name", "public.customers");
        assertThat(texts(customersFound.get("categories"))).contains("contact.email", "contact.phone");
        assertThat(texts(customersFound.get("identities"))).contains("email", "customer_id");

        Map<String, String> datasets = new HashMap<>();
        summary.get("datasets")
                .forEach(d -> datasets.put(d.get("name").asString(), d.get("id").asString()));
        JsonNode customers = CatalogHttp.body(engineer.get("/api/v1/datasets/" + datasets.get("public.customers")));
        JsonNode email = only(customers.get("fields"), "path", "email");
        assertThat(email.get("status").asString()).isEqualTo("DISCOVERED");
        assertThat(texts(email.get("categories"))).contains("contact.email");
        assertThat(email.get("identityType").asString()).isEqualTo("email");
        assertThat(email.get("confidence").asDouble()).isGreaterThan(0.5);
        assertThat(only(customers.get("fields"), "path", "id")
                        .get("identityType")
                        .asString())
                .isEqualTo("customer_id");
        JsonNode orderReferences =
                CatalogHttp.body(engineer.get("/api/v1/datasets/" + datasets.get("public.orders") + "/references"));
        assertThat(orderReferences.toString())
                .contains("\"fromFields\":[\"customer_id\"]", "\"toFields\":[\"id\"]", "\"source\":\"DISCOVERED\"");

        // Nothing confirmed yet: the subject is not searched anywhere, and every PII field says why.
        Map<String, Object> subject = Map.of("identities", Map.of("email", "customer7@example.org"));
        JsonNode unconfirmed = CatalogHttp.body(officer.post(path + "/locate", subject));
        assertThat(unconfirmed.get("records").asLong()).isZero();
        assertThat(unconfirmed.get("notSearched").toString())
                .contains("\"dataset\":\"public.customers\",\"field\":\"email\"", "mapping unconfirmed");

        // People decide: every dataset confirmed in bulk but the tickets; the loyalty points get a
        // reference discovery could not find (no foreign key).
        HttpResponse<String> stale = engineer.post(
                "/api/v1/datasets/" + datasets.get("public.customers") + "/fields/review",
                "\"9\"",
                Map.of("decision", "CONFIRM"));
        assertProblem(stale, 409, "version");
        for (var dataset : datasets.entrySet()) {
            if (!dataset.getKey().equals("public.tickets")) {
                review(dataset.getValue(), "CONFIRM");
            }
        }
        JsonNode confirmed = CatalogHttp.body(engineer.get("/api/v1/datasets/" + datasets.get("public.customers")));
        assertThat(confirmed.get("fields"))
                .allSatisfy(field -> assertThat(field.get("status").asString()).isEqualTo("CONFIRMED"));
        JsonNode customerRef = only(
                CatalogHttp.body(engineer.get("/api/v1/datasets/" + datasets.get("public.loyalty_points")))
                        .get("fields"),
                "path",
                "customer_ref");
        String fieldPath = "/api/v1/fields/" + customerRef.get("id").asString();
        HttpResponse<String> badIdentity = engineer.put(
                fieldPath + "/identity",
                "\"" + customerRef.get("revision").get("version").asInt() + "\"",
                Map.of("identityType", "Customer-Id"));
        HttpResponse<String> identity = engineer.put(
                fieldPath + "/identity",
                "\"" + customerRef.get("revision").get("version").asInt() + "\"",
                Map.of("identityType", "customer_id"));
        assertProblem(badIdentity, 400, "identityType");
        assertThat(identity.statusCode()).as(identity.body()).isEqualTo(200);
        assertThat(CatalogHttp.body(identity).get("identityType").asString()).isEqualTo("customer_id");
        HttpResponse<String> manual = engineer.post(
                "/api/v1/datasets/" + datasets.get("public.loyalty_points") + "/references",
                Map.of(
                        "fromFields", List.of("customer_ref"),
                        "toDatasetId", datasets.get("public.customers"),
                        "toFields", List.of("id")));
        assertThat(manual.statusCode()).as(manual.body()).isEqualTo(201);
        assertThat(CatalogHttp.body(manual).get("source").asString()).isEqualTo("MANUAL");

        HttpResponse<String> located = officer.post(path + "/locate", subject);
        assertThat(located.statusCode()).as(located.body()).isEqualTo(200);
        JsonNode counts = CatalogHttp.body(located);
        Map<String, Long> perDataset = new HashMap<>();
        counts.get("datasets")
                .forEach(d -> perDataset.put(
                        d.get("dataset").asString(), d.get("records").asLong()));
        assertThat(perDataset)
                .containsEntry("public.customers", 1L)
                .containsEntry("public.addresses", 1L)
                .containsEntry("public.orders", 2L)
                .containsEntry("public.order_items", 3L)
                .containsEntry("public.invoices", 1L)
                .containsEntry("public.loyalty_points", 1L);
        assertThat(counts.get("notSearched").toString())
                .contains("\"dataset\":\"public.tickets\"", "mapping unconfirmed")
                .doesNotContain("public.customers");
        var locateAudit = owner().selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .and(AUDIT_ENTRY.ACTION.eq("connector.connection.located"))
                .fetch();
        assertThat(locateAudit).hasSize(2);
        assertThat(locateAudit.map(entry -> entry.getDetails().data()).toString())
                .contains("email")
                .doesNotContain("customer7@example.org");

        // Discovering again changes nothing people decided.
        JsonNode again = CatalogHttp.body(engineer.post(path + "/discover", Map.of()));
        assertThat(again.get("datasetsCreated").asInt()).isZero();
        assertThat(again.get("fieldsCreated").asInt()).isZero();
        assertThat(again.get("fieldsChanged").asInt()).isZero();
        assertThat(again.get("referencesCreated").asInt()).isZero();
        assertThat(again.get("fieldsKept").asInt()).isGreaterThan(10);
        assertThat(only(
                                CatalogHttp.body(engineer.get("/api/v1/datasets/" + datasets.get("public.customers")))
                                        .get("fields"),
                                "path",
                                "email")
                        .get("status")
                        .asString())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void theKekRotatesTwiceAndConnectionsStillSignIn() {
        String path = "/api/v1/connections/"
                + CatalogHttp.body(engineer.post(
                                "/api/v1/connections",
                                shop.registration(UniqueNames.of("shop"), UniqueNames.of("shop-db"))))
                        .get("id")
                        .asString();
        UUID id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
        CatalogHttp admin = new CatalogHttp(port, ADMIN_KEY);

        for (int rotation = 1; rotation <= 2; rotation++) {
            int before = kekVersion(id);
            HttpResponse<String> rotated = admin.post("/api/v1/vault/kek/rotate", Map.of());
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            int newVersion = CatalogHttp.body(rotated).get("newVersion").asInt();

            assertThat(newVersion).isNotEqualTo(before);
            assertThat(kekVersion(id)).as("rotation " + rotation).isEqualTo(newVersion);
            assertThat(owner().fetch("select * from lethe_connection_kek_versions()")
                            .getValues(0, Integer.class))
                    .containsExactly(newVersion);
            assertThat(testConnection(engineer, path).get("passed").asBoolean()).isTrue();
            assertThat(CatalogHttp.body(engineer.get(path))
                            .get("config")
                            .get("password")
                            .get("set")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Test
    void theEndpointsAreInTheApiDescription() throws Exception {
        JsonNode paths =
                CatalogHttp.JSON.readTree(get("/v3/api-docs", null).body()).get("paths");

        assertThat(paths.has("/api/v1/connector-types")).isTrue();
        assertThat(paths.has("/api/v1/connections")).isTrue();
        assertThat(paths.has("/api/v1/connections/{id}")).isTrue();
        assertThat(paths.has("/api/v1/connections/{id}/test")).isTrue();
        assertThat(paths.has("/api/v1/connections/{id}/discover")).isTrue();
        assertThat(paths.has("/api/v1/connections/{id}/locate")).isTrue();
        assertThat(paths.has("/api/v1/datasets/{id}/fields/review")).isTrue();
        assertThat(paths.has("/api/v1/datasets/{id}/references")).isTrue();
        assertThat(paths.has("/api/v1/fields/{id}/identity")).isTrue();
    }

    private void review(String datasetId, String decision) {
        String path = "/api/v1/datasets/" + datasetId;
        HttpResponse<String> reviewed = engineer.post(
                path + "/fields/review", CatalogHttp.etag(engineer.get(path)), Map.of("decision", decision));
        assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
    }

    private static JsonNode testConnection(CatalogHttp caller, String path) {
        HttpResponse<String> tested = caller.post(path + "/test", Map.of());
        assertThat(tested.statusCode()).as(tested.body()).isEqualTo(200);
        return CatalogHttp.body(tested);
    }

    private static int kekVersion(UUID id) {
        return owner().select(CONNECTION.KEK_VERSION)
                .from(CONNECTION)
                .where(CONNECTION.ID.eq(id))
                .fetchSingle()
                .value1();
    }

    private String key(Role role, Set<Scope> scopes) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), scopes));
        return secret;
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static JsonNode only(JsonNode array, String key, String value) {
        List<JsonNode> matches = new ArrayList<>();
        array.forEach(node -> {
            if (node.has(key) && value.equals(node.get(key).asString())) {
                matches.add(node);
            }
        });
        assertThat(matches).as(key + "=" + value + " in " + array).hasSize(1);
        return matches.getFirst();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(CatalogHttp.body(response).get("detail").asString()).contains(detail);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
