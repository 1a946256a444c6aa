package dev.lethe.app.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.ApiKey;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.AuditEntry;
import dev.lethe.catalog.audit.AuditQuery;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.ObjectMapper;

/**
 * The equality oracle watched: an engineer's key that tokenizes guesses through the API (a deterministic
 * token answers whether a guessed value is the one behind it) raises {@code tokenize-volume} once it
 * passes {@code lethe.signals.tokenize-per-hour} (10,000 by default) within an hour, and not before; the
 * counts are kept without any value.
 */
class TokenizeVolumeIT extends AppIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THRESHOLD = 10_000;
    private static final String TARGET = "victim-" + UUID.randomUUID() + "@example.com";

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    AuditTrail trail;

    @Autowired
    MeterRegistry meters;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = tenants.create(UniqueNames.of("oracle"), "Tokenize volume test");
    }

    @Test
    void tokenizingMoreGuessesThanTheHourlyThresholdRaisesASignalOnceAndNotBefore() throws Exception {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        ApiKey engineer = as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), "guesser-" + UUID.randomUUID(), secret, Set.of(Role.ENGINEER)));
        double before = count();

        // Guesses at one person's e-mail address, a thousand a call: exactly the threshold is not above it.
        for (int call = 0; call < THRESHOLD / 1_000; call++) {
            HttpResponse<String> tokens = post("/tokenize/batch", secret, Map.of("items", guesses(call)));
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        }
        assertThat(signals())
                .as("10,000 values within the hour: not above the threshold")
                .isEmpty();
        assertThat(count()).isEqualTo(before);

        HttpResponse<String> one = post("/tokenize", secret, guess(TARGET));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        HttpResponse<String> more = post("/tokenize/batch", secret, Map.of("items", guesses(99)));
        assertThat(more.statusCode()).as(more.body()).isEqualTo(200);

        List<AuditEntry> raised = signals();
        assertThat(raised).as("one signal an hour, after 10,001 values").hasSize(1);
        assertThat(raised.getFirst().target()).isEqualTo("api-key:" + engineer.id());
        assertThat(raised.getFirst().details())
                .containsEntry("tokenizedLastHour", "10001")
                .containsEntry("threshold", Integer.toString(THRESHOLD));
        assertThat(count()).isEqualTo(before + 1);

        // Only counts are kept: no value, token or subject in any column.
        List<Record> stored = owner().resultQuery("select * from tokenize_volume where tenant_id = ?", tenant.id())
                .fetch();
        assertThat(stored).isNotEmpty();
        assertThat(stored.stream()
                        .mapToLong(row -> row.get("tokenized", Long.class))
                        .sum())
                .isEqualTo(THRESHOLD + 1 + 1_000);
        assertThat(stored.toString()).doesNotContain(TARGET, "guess-", "subject-", "tok_");
    }

    private static List<Map<String, String>> guesses(int call) {
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            items.add(guess("guess-" + call + "-" + i + "@example.com"));
        }
        return items;
    }

    private static Map<String, String> guess(String value) {
        return Map.of("subject", "subject-7", "category", "contact.email", "kind", "DETERMINISTIC", "value", value);
    }

    private double count() {
        var counter = meters.find("lethe.security.signals")
                .tag("type", "tokenize-volume")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private List<AuditEntry> signals() {
        return as(
                        tenant.id(),
                        () -> trail.page(
                                tenant.id(), new AuditQuery(null, null, null, "security.signal", null, null, 100)))
                .stream()
                .filter(entry -> "tokenize-volume".equals(entry.details().get("type")))
                .toList();
    }

    private HttpResponse<String> post(String path, String key, Object body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/vault" + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
