package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SQL and Elasticsearch injection attempts through every API input that names something (catalog
 * names and codes, stream names, topics and paths, search text, list filters, formats, tenants' slugs):
 * each is either refused with a {@code 400} problem or treated as data — never a {@code 5xx}, never
 * another tenant's data, and every table is still there afterwards. Lethe's own SQL is jOOQ with bind
 * values and generated names; the connectors' identifiers are checked against the system's own schema
 * and quoted (their tests: {@code PostgresConnectorIT}, {@code ElasticsearchConnectorIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InjectionAttemptsIT extends AppIntegrationTest {

    /** What an attacker types where a name goes. */
    static final List<String> ATTEMPTS = List.of(
            "x\"; DROP TABLE data_system; --",
            "' OR 1=1 --",
            "x' UNION SELECT slug FROM tenant --",
            "*",
            "_all",
            "../../etc/passwd",
            "%2e%2e%2f",
            "name\u0000with-nul",
            "\u202Egnp.exe",
            "ｓｅｌｅｃｔ＊",
            "{\"query\":{\"match_all\":{}}}",
            "tenant_id:* OR name:*",
            "a".repeat(10_000));

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private CatalogHttp admin;
    private CatalogHttp platform;
    private String otherMarker;
    private long otherSystems;

    @BeforeAll
    void twoTenants() {
        Tenant tenant = tenants.create(UniqueNames.of("inject"), "Injection test");
        Tenant other = tenants.create(UniqueNames.of("inject-other"), "Injection test, the other tenant");
        admin = new CatalogHttp(port, key(tenant.id()));
        platform = new CatalogHttp(port, ADMIN_KEY);
        otherMarker = "other-tenant-" + UUID.randomUUID();
        CatalogHttp otherAdmin = new CatalogHttp(port, key(other.id()));
        assertThat(otherAdmin
                        .post("/api/v1/systems", Map.of("name", otherMarker))
                        .statusCode())
                .isEqualTo(201);
        otherSystems = systemsOf(other.id());
    }

    /** One API input: how a value reaches it, and whether it must be refused (or may be data). */
    record Input(String name, Function<String, Call> call, boolean mustRefuse) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A request: method, path and JSON body (null for none). */
    record Call(String method, String path, Object body) {}

    static Stream<Arguments> attempts() {
        List<Input> inputs = List.of(
                data("system name", v -> post("/api/v1/systems", Map.of("name", v))),
                data(
                        "system description",
                        v -> post("/api/v1/systems", Map.of("name", "s-" + UUID.randomUUID(), "description", v))),
                data("dataset name", v -> post("/api/v1/datasets", Map.of("name", v, "systemId", UUID.randomUUID()))),
                data("field name", v -> post("/api/v1/fields", Map.of("name", v, "datasetId", UUID.randomUUID()))),
                refuse("category code", v -> post("/api/v1/categories", Map.of("code", v, "name", "n"))),
                data("category in a path", v -> get("/api/v1/categories/" + encode(v))),
                refuse("purpose code", v -> post("/api/v1/purposes", Map.of("code", v, "name", "n"))),
                refuse("stream name", v -> post("/api/v1/streams", stream(Map.of("name", v)))),
                refuse("stream source topic", v -> post("/api/v1/streams", stream(Map.of("sourceTopic", v)))),
                refuse("stream target topic", v -> post("/api/v1/streams", stream(Map.of("targetTopic", v)))),
                refuse("stream subject path", v -> post("/api/v1/streams", stream(Map.of("subjectPath", v)))),
                data("stream in a path", v -> get("/api/v1/streams/" + encode(v))),
                data("catalog search", v -> get("/api/v1/catalog/search?q=" + encode(v))),
                data(
                        "audit filters",
                        v -> get("/api/v1/audit?action=" + encode(v) + "&actor=" + encode(v) + "&target=" + encode(v))),
                refuse(
                        "new field's status",
                        v -> post(
                                "/api/v1/fields?status=" + encode(v),
                                Map.of("name", "f", "datasetId", UUID.randomUUID()))),
                data("request list filters", v -> get("/api/v1/requests?status=" + encode(v) + "&type=" + encode(v))),
                refuse("record of processing format", v -> get("/api/v1/ropa?format=" + encode(v))),
                refuse(
                        "tokenize category",
                        v -> post(
                                "/api/v1/vault/tokenize",
                                Map.of(
                                        "subject",
                                        "s-1",
                                        "category",
                                        v,
                                        "kind",
                                        "DETERMINISTIC",
                                        "value",
                                        "a@example.com"))),
                refuse(
                        "tokenize kind",
                        v -> post(
                                "/api/v1/vault/tokenize",
                                Map.of(
                                        "subject",
                                        "s-1",
                                        "category",
                                        "contact.email",
                                        "kind",
                                        v,
                                        "value",
                                        "a@example.com"))),
                data("locator subject", v -> post("/api/v1/locator/search", Map.of("subject", v))),
                refuse(
                        "retention schedule zone",
                        v -> put("/api/v1/retention/schedule", Map.of("enabled", true, "runAt", "03:00", "zone", v))),
                refuse("tenant slug", v -> post("platform:/api/v1/tenants", Map.of("slug", v, "name", "n"))));
        return inputs.stream()
                .flatMap(input -> ATTEMPTS.stream().map(attempt -> Arguments.of(input, label(attempt), attempt)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attempts")
    void anInjectionAttemptIsRefusedOrTreatedAsData(Input input, String label, String attempt) {
        Call call = input.call().apply(attempt);

        HttpResponse<String> response = send(call);

        String what =
                input + " with " + label + " answered " + response.statusCode() + " " + abbreviated(response.body());
        assertThat(response.statusCode()).as(what).isLessThan(500);
        assertThat(response.body()).as(what + ": another tenant's data").doesNotContain(otherMarker);
        if (response.statusCode() == 400 && !refusedByTheContainer(response)) {
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(what)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        if (input.mustRefuse()) {
            // A topic the tenant may not use is 403 (the topic policy), any other bad value 400.
            assertThat(response.statusCode()).as(what).isIn(400, 403);
            if (!refusedByTheContainer(response)) {
                assertThat(response.headers().firstValue("Content-Type"))
                        .as(what)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            }
        } else {
            assertThat(response.statusCode()).as(what).isIn(200, 201, 400, 404);
        }
    }

    /**
     * Tomcat itself refuses an encoded {@code /} or NUL in a path and a request line over the header
     * limit, before any filter of Lethe runs: its own {@code 400} page, no application code reached.
     */
    private static boolean refusedByTheContainer(HttpResponse<String> response) {
        return response.body().startsWith("<!doctype html>") && response.body().contains("HTTP Status 400");
    }

    @AfterAll
    void everyTableIsStillThereAndTheOtherTenantUntouched() {
        for (String table :
                List.of("data_system", "dataset", "data_field", "tenant", "api_key", "audit_entry", "ingest_stream")) {
            assertThat(owner().fetchExists(DSL.select(DSL.inline(1))
                            .from(DSL.table("information_schema.tables"))
                            .where(DSL.field("table_name").eq(table))))
                    .as(table)
                    .isTrue();
        }
        assertThat(owner().fetchCount(DSL.table("tenant"))).isPositive();
    }

    private long systemsOf(UUID tenantId) {
        return owner().fetchCount(
                        DSL.table("data_system"), DSL.field("tenant_id").eq(tenantId));
    }

    private HttpResponse<String> send(Call call) {
        boolean asPlatform = call.path().startsWith("platform:");
        CatalogHttp client = asPlatform ? platform : admin;
        String path = asPlatform ? call.path().substring("platform:".length()) : call.path();
        HttpResponse<String> response = switch (call.method()) {
            case "GET" -> client.get(path);
            case "POST" -> client.post(path, call.body());
            case "PUT" -> client.put(path, "*", call.body());
            default -> throw new IllegalArgumentException(call.method());
        };
        assertThat(systemsOf(otherTenantId())).isEqualTo(otherSystems);
        return response;
    }

    private UUID otherTenantId() {
        return owner().select(DSL.field("tenant_id", UUID.class))
                .from(DSL.table("data_system"))
                .where(DSL.field("name").eq(otherMarker))
                .fetchOne(0, UUID.class);
    }

    private static Input data(String name, Function<String, Call> call) {
        return new Input(name, call, false);
    }

    private static Input refuse(String name, Function<String, Call> call) {
        return new Input(name, call, true);
    }

    private static Call get(String path) {
        return new Call("GET", path, null);
    }

    private static Call post(String path, Object body) {
        return new Call("POST", path, body);
    }

    private static Call put(String path, Object body) {
        return new Call("PUT", path, body);
    }

    private static Map<String, Object> stream(Map<String, Object> changed) {
        String name = "inject-" + ThreadLocalRandom.current().nextInt(1_000_000);
        var stream = new HashMap<String, Object>();
        stream.put("name", name);
        stream.put("sourceTopic", name + ".raw");
        stream.put("targetTopic", name + ".clean");
        stream.put("system", "shop");
        stream.put("dataset", "orders");
        stream.put("subjectPath", "$.customer.id");
        stream.put("policy", Map.of("*", "REDACT"));
        stream.putAll(changed);
        return stream;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String label(String attempt) {
        String shown = attempt.length() > 40 ? attempt.substring(0, 20) + "…(" + attempt.length() + ")" : attempt;
        return shown.replace("\u0000", "\\0").replace("\u202E", "\\u202E");
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    private String key(UUID tenantId) {
        byte[] random = new byte[20];
        ThreadLocalRandom.current().nextBytes(random);
        String secret = "inject-" + HexFormat.of().formatHex(random);
        as(tenantId, () -> apiKeys.ensure(tenantId, UniqueNames.of("inject"), secret, Set.of(Role.ADMIN), Scope.all()));
        return secret;
    }
}
