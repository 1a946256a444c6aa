package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.app.web.People.Person;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.ApiKey;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.ui.limits.PostgresRateLimiter;
import dev.lethe.ui.limits.RateLimit;
import dev.lethe.ui.limits.RateLimitExceeded;
import dev.lethe.ui.limits.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rate limits through the real HTTP stack and PostgreSQL. The test context's limits are sized so the
 * suite never reaches them (AppIntegrationTest); each test here empties a bucket of its own (a fresh
 * API key, a loopback address of its own) through the application's limiter and the same table, then
 * asks over HTTP. The shared-bucket test uses two limiters on the application's database, as two
 * instances would.
 */
class RateLimitIT extends AppIntegrationTest {

    /** The test context's buckets refill over ten years: an emptied one stays empty for minutes. */
    private static final RateLimit EMPTYING = new RateLimit(1, Duration.ofDays(3650));

    @Autowired
    RateLimiter limiter;

    @Autowired
    DSLContext dsl;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MeterRegistry meters;

    @Test
    void anApiKeyOverItsLimitIsAnswered429WithRetryAfterWhileAnotherKeyGoesOn() throws Exception {
        Tenant tenant = tenants.create(UniqueNames.of("limits"), "Rate limits");
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        String other = "it-" + UUID.randomUUID() + UUID.randomUUID();
        ApiKey key = as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), "limited", secret, Set.of(Role.PRIVACY_OFFICER), Scope.all()));
        as(tenant.id(), () -> apiKeys.ensure(tenant.id(), "other", other, Set.of(Role.PRIVACY_OFFICER), Scope.all()));
        assertThat(get("/api/v1/requests", secret).statusCode()).isEqualTo(200);
        double refusedBefore = refused("key");

        empty(limiter.bucket("key", "api-key:" + key.id()));
        HttpResponse<String> limited = get("/api/v1/requests", secret);

        assertTooManyRequests(limited);
        assertThat(refused("key")).isEqualTo(refusedBefore + 1);
        assertThat(get("/api/v1/requests", other).statusCode()).isEqualTo(200);
    }

    @Test
    void aSignedInUserOverTheirLimitIsAnswered429OnPagesWhileAnotherUserGoesOn() {
        People people = people();
        Tenant tenant = tenants.create(UniqueNames.of("limits-users"), "Rate limits for users");
        Person limited = people.create(tenant, "Lina Limited", Role.PRIVACY_OFFICER);
        Person other = people.create(tenant, "Otto Other", Role.PRIVACY_OFFICER);
        WebClient browser = People.signIn(port, limited);
        WebClient otherBrowser = People.signIn(port, other);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        empty(limiter.bucket("user", "user:" + limited.account().id()));

        assertTooManyRequests(browser.get("/"));
        assertThat(otherBrowser.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void anAddressOverItsLimitIsAnswered429OnPagesAndTheApiButNotOnStaticFilesOrHealth() throws Exception {
        String address = "127.0.0.250";
        HttpClient client = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(address))
                .build();
        assertThat(send(client, "/sign-in", null).statusCode()).isEqualTo(200);

        empty(limiter.bucket("ip", address));

        assertTooManyRequests(send(client, "/sign-in", null));
        // Counted before authentication: no 401, whatever credential is sent.
        assertTooManyRequests(send(client, "/api/v1/requests", null));
        assertTooManyRequests(send(client, "/api/v1/requests", ADMIN_KEY));
        // Without server.forward-headers-strategy, a client cannot pick another address by header.
        assertTooManyRequests(client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sign-in"))
                        .header("X-Forwarded-For", "203.0.113.9")
                        .build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThat(send(client, "/css/lethe.css", null).statusCode()).isEqualTo(200);
        assertThat(send(client, "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(send(HttpClient.newHttpClient(), "/sign-in", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAddressOverItsLimitIsAnswered429OnCallbackPackageLinksAndTheApiDescriptionToo() throws Exception {
        // These links match chains of their own (the token is the credential), ahead of the API's.
        String address = "127.0.0.26";
        HttpClient client = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(address))
                .build();
        String packageLink = "/api/v1/packages/" + "A".repeat(43);
        String callback = "/api/v1/callbacks/" + "A".repeat(43);
        String description = "/v3/api-docs";
        assertThat(send(client, description, null).statusCode())
                .as("the API description, public")
                .isEqualTo(200);
        assertThat(send(client, packageLink, null).statusCode())
                .as("an unknown link")
                .isEqualTo(404);
        assertThat(postJson(client, callback).statusCode())
                .as("an unknown callback")
                .isEqualTo(404);

        empty(limiter.bucket("ip", address));

        assertTooManyRequests(send(client, packageLink, null));
        assertTooManyRequests(postJson(client, callback));
        assertTooManyRequests(send(client, description, null));
        assertThat(send(HttpClient.newHttpClient(), packageLink, null).statusCode())
                .as("another address")
                .isEqualTo(404);
        assertThat(postJson(HttpClient.newHttpClient(), callback).statusCode())
                .as("another address")
                .isEqualTo(404);
    }

    @Test
    void twoInstancesTakeFromOneBucketInPostgresAndNeverHandOutMoreThanItHolds() throws Exception {
        RateLimiter first = new PostgresRateLimiter(dsl);
        RateLimiter second = new PostgresRateLimiter(dsl);
        String client = "198.51.100." + UUID.randomUUID().hashCode();
        String bucket = first.bucket("ip", client);
        assertThat(second.bucket("ip", client)).isEqualTo(bucket).doesNotContain(client);
        RateLimit tenAnHour = new RateLimit(10, Duration.ofHours(1));

        List<Future<Long>> takes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 40; i++) {
                RateLimiter instance = i % 2 == 0 ? first : second;
                takes.add(pool.submit(() -> {
                    try {
                        instance.take(bucket, tenAnHour);
                        return 0L;
                    } catch (RateLimitExceeded e) {
                        return e.retryAfterSeconds();
                    }
                }));
            }
        }
        List<Long> outcomes = new ArrayList<>();
        for (Future<Long> take : takes) {
            outcomes.add(take.get());
        }

        assertThat(outcomes).filteredOn(wait -> wait == 0).hasSize(10);
        // One token comes back every 6 minutes.
        assertThat(outcomes)
                .filteredOn(wait -> wait > 0)
                .hasSize(30)
                .allSatisfy(wait -> assertThat(wait).isBetween(1L, 360L));
        assertThatThrownBy(() -> first.take(bucket, tenAnHour)).isInstanceOf(RateLimitExceeded.class);
        assertThat(owner().fetchValue("select count(*) from rate_limit_bucket where bucket = ?", bucket))
                .isEqualTo(1L);
    }

    private void empty(String bucket) {
        try {
            limiter.take(bucket, EMPTYING);
        } catch (RateLimitExceeded alreadyEmpty) {
            // as wanted
        }
    }

    private static void assertTooManyRequests(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isPositive();
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":429", "Too Many Requests");
    }

    private double refused(String kind) {
        var counter = meters.find("lethe.rate_limits.refused").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> postJson(HttpClient client, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpClient client, String path, String apiKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
