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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The application as production configures it, where the {@code local} profile is more permissive: a
 * CORS origin configured for the API, and streams kept to their tenant's topics. (A context of its
 * own; {@link SecurityHeadersIT} checks that CORS is off by default.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {
            "lethe.security.cors.allowed-origins=" + StrictSettingsIT.ALLOWED_ORIGIN,
            "lethe.ingest.topics.open-tenants="
        })
class StrictSettingsIT extends AppIntegrationTest {

    static final String ALLOWED_ORIGIN = "https://app.example.com";
    private static final String FOREIGN_ORIGIN = "https://evil.example";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private Tenant tenant;
    private Tenant other;
    private String key;

    @BeforeAll
    void twoTenants() {
        tenant = tenants.create(UniqueNames.of("strict"), "Strict settings test");
        other = tenants.create(UniqueNames.of("strict-other"), "Strict settings test, another tenant");
        key = key(tenant.id(), Role.ENGINEER);
    }

    @Test
    void theConfiguredOriginsPreflightIsAnsweredWithoutCredentials() {
        HttpResponse<String> preflight = preflight("/api/v1/systems", ALLOWED_ORIGIN);
        HttpResponse<String> call = send("GET", "/api/v1/systems", null, key, Map.of("Origin", ALLOWED_ORIGIN));

        assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(ALLOWED_ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValueSatisfying(methods -> assertThat(methods).contains("POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        SecurityHeadersIT.assertApiHeaders("a cross-origin call", call);
    }

    @Test
    void anotherOriginsPreflightIsRefusedAndPagesNeverAnswerCrossOrigin() {
        HttpResponse<String> foreign = preflight("/api/v1/systems", FOREIGN_ORIGIN);
        HttpResponse<String> foreignCall = send("GET", "/api/v1/systems", null, key, Map.of("Origin", FOREIGN_ORIGIN));
        HttpResponse<String> page = preflight("/sign-in", ALLOWED_ORIGIN);
        HttpResponse<String> actuator = preflight("/actuator/health", ALLOWED_ORIGIN);

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(foreignCall.statusCode()).isEqualTo(403);
        assertThat(foreignCall.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(actuator.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aStreamMayUseOnlyItsTenantsTopics() {
        CatalogHttp engineer = new CatalogHttp(port, key);
        String name = UniqueNames.of("orders");
        String own = tenant.slug() + "." + name;

        HttpResponse<String> foreignPrefix = engineer.post(
                "/api/v1/streams?createTopics=true", stream(name, other.slug() + "." + name + ".raw", own + ".clean"));
        HttpResponse<String> noPrefix =
                engineer.post("/api/v1/streams?createTopics=true", stream(name, own + ".raw", name + ".clean"));
        HttpResponse<String> bareprefix =
                engineer.post("/api/v1/streams?createTopics=true", stream(name, tenant.slug() + ".", own + ".clean"));
        HttpResponse<String> kafkas =
                engineer.post("/api/v1/streams?createTopics=true", stream(name, "__consumer_offsets", own + ".clean"));
        HttpResponse<String> anchors =
                engineer.post("/api/v1/streams?createTopics=true", stream(name, own + ".raw", "lethe.audit.anchors"));
        HttpResponse<String> allowed =
                engineer.post("/api/v1/streams?createTopics=true", stream(name, own + ".raw", own + ".clean"));
        HttpResponse<String> movedAway = engineer.put(
                "/api/v1/streams/" + name,
                CatalogHttp.etag(allowed),
                stream(name, own + ".raw", other.slug() + ".stolen"));

        for (HttpResponse<String> refused : java.util.List.of(foreignPrefix, noPrefix, bareprefix, movedAway)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body())
                    .contains("start with '" + tenant.slug() + ".'")
                    .doesNotContain(other.slug());
        }
        for (HttpResponse<String> reserved : java.util.List.of(kafkas, anchors)) {
            assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(403);
            assertThat(reserved.body()).contains("reserved");
        }
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(201);
        assertThat(engineer.get("/api/v1/streams/" + name).body()).contains(own + ".raw", own + ".clean");
    }

    private static Map<String, Object> stream(String name, String source, String target) {
        var stream = new HashMap<String, Object>();
        stream.put("name", name);
        stream.put("sourceTopic", source);
        stream.put("targetTopic", target);
        stream.put("system", "shop-" + name);
        stream.put("dataset", "orders");
        stream.put("subjectPath", "$.customer.id");
        stream.put("policy", Map.of("contact.email", "DETERMINISTIC", "*", "REDACT"));
        return stream;
    }

    private HttpResponse<String> preflight(String path, String origin) {
        return send(
                "OPTIONS",
                path,
                null,
                null,
                Map.of(
                        "Origin",
                        origin,
                        "Access-Control-Request-Method",
                        "POST",
                        "Access-Control-Request-Headers",
                        "authorization,content-type"));
    }

    private String key(UUID tenantId, Role role) {
        byte[] random = new byte[20];
        ThreadLocalRandom.current().nextBytes(random);
        String secret = "strict-" + HexFormat.of().formatHex(random);
        as(tenantId, () -> apiKeys.ensure(tenantId, UniqueNames.of("strict"), secret, Set.of(role), Scope.all()));
        return secret;
    }

    private HttpResponse<String> send(
            String method, String path, String body, String key, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
