package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.app.web.People.Person;
import dev.lethe.app.web.WebClient;
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
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.ObjectMapper;

/**
 * The security signals through the real HTTP stack: a privacy officer's key revealing more values in an
 * hour than {@code lethe.signals.detokenize-per-hour} (1,000 by default), a burst of wrong passwords on one
 * account and from one client address, and an API key used from a second client address (a connection
 * from 127.0.0.2, which the application sees as its remote address: no forwarded header is trusted).
 * Each shows up as an audit entry, on {@code lethe.security.signals} and on {@code /admin/security}, where
 * an admin acknowledges it.
 */
class SecuritySignalsIT extends AppIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    AuditTrail trail;

    @Autowired
    MeterRegistry meters;

    private Tenant tenant;
    private People people;

    @BeforeEach
    void newTenant() {
        tenant = tenants.create(UniqueNames.of("signals"), "Security signals test");
        people = people();
    }

    @Test
    void revealingMoreValuesThanTheHourlyThresholdRaisesASignalOnce() throws Exception {
        String engineer = key("engineer", Role.ENGINEER).secret();
        Key officer = key("officer", Role.PRIVACY_OFFICER);
        List<Map<String, String>> tokens = tokenize(engineer);
        double before = count("detokenization-volume");

        for (int call = 0; call < 3; call++) {
            HttpResponse<String> revealed =
                    vault("/detokenize/batch", officer.secret(), Map.of("purpose", "fraud-review", "tokens", tokens));
            assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(200);
        }

        List<AuditEntry> raised = signals("detokenization-volume");
        assertThat(raised).as("one signal an hour, after 1,200 values").hasSize(1);
        assertThat(raised.getFirst().target())
                .isEqualTo("api-key:" + officer.key().id());
        assertThat(raised.getFirst().details()).containsEntry("revealedLastHour", "1200");
        assertThat(count("detokenization-volume")).isEqualTo(before + 1);
        assertOnTheAdminPage(raised.getFirst());
    }

    @Test
    void aBurstOfWrongPasswordsOnOneAccountRaisesASignal() throws Exception {
        Person pat = people.create(tenant, "Pat Target", Role.AUDITOR);
        double before = count("sign-in-failures-account");
        WebClient attacker = new WebClient(port, InetAddress.getByName("127.0.0.3"));

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> refused = password(attacker, pat.email(), "guess " + i);
            assertThat(refused.statusCode()).isEqualTo(401);
        }

        List<AuditEntry> raised = signals("sign-in-failures-account");
        assertThat(raised).hasSize(1);
        assertThat(raised.getFirst().target()).isEqualTo("user:" + pat.account().id());
        assertThat(raised.getFirst().details()).containsEntry("failures", "10");
        assertThat(raised.getFirst().toString()).doesNotContain(pat.email());
        assertThat(count("sign-in-failures-account")).isEqualTo(before + 1);
        assertOnTheAdminPage(raised.getFirst());
    }

    @Test
    void aBurstOfFailedSignInsFromOneAddressRaisesASignalWithoutTheAddress() throws Exception {
        double before = count("sign-in-failures-address");
        WebClient attacker = new WebClient(port, InetAddress.getByName("127.0.0.4"));

        for (int i = 0; i < 30; i++) {
            password(attacker, "nobody-" + i + "@example.org", "guess");
        }

        List<AuditEntry> raised = signals("sign-in-failures-address");
        assertThat(raised).hasSize(1);
        assertThat(raised.getFirst().target()).startsWith("address:").doesNotContain("127.0.0.4");
        assertThat(raised.getFirst().details().toString()).doesNotContain("127.0.0");
        assertThat(count("sign-in-failures-address")).isEqualTo(before + 1);
    }

    @Test
    void anApiKeyUsedFromANewAddressRaisesASignalAndAnAdminAcknowledgesIt() throws Exception {
        Key engineer = key("ci", Role.ENGINEER);
        double before = count("api-key-new-address");

        assertThat(get("/api/v1/systems", engineer.secret(), null).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/systems", engineer.secret(), null).statusCode()).isEqualTo(200);
        assertThat(signals("api-key-new-address"))
                .as("the first address is the key's baseline")
                .isEmpty();

        assertThat(get("/api/v1/systems", engineer.secret(), InetAddress.getByName("127.0.0.2"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/systems", engineer.secret(), InetAddress.getByName("127.0.0.2"))
                        .statusCode())
                .isEqualTo(200);

        List<AuditEntry> raised = signals("api-key-new-address");
        assertThat(raised).as("once per new address").hasSize(1);
        assertThat(raised.getFirst().target())
                .isEqualTo("api-key:" + engineer.key().id());
        assertThat(raised.getFirst().details().toString()).doesNotContain("127.0.0");
        assertThat(count("api-key-new-address")).isEqualTo(before + 1);
        List<byte[]> stored = owner().resultQuery(
                        "select address_hash from api_key_address where api_key_id = ?",
                        engineer.key().id())
                .fetch(0, byte[].class);
        assertThat(stored)
                .hasSize(2)
                .allSatisfy(hash -> assertThat(new String(hash)).doesNotContain("127"));

        Person admin = people.create(tenant, "Alma Admin", Role.ADMIN);
        WebClient browser = People.signIn(port, admin);
        assertThat(browser.get("/admin/security").body())
                .contains("signal-" + raised.getFirst().seq());
        HttpResponse<String> acknowledged =
                browser.post("/admin/security/signals/" + raised.getFirst().seq() + "/acknowledge", Map.of());
        assertThat(acknowledged.statusCode()).isEqualTo(302);

        List<AuditEntry> acks = entries("security.signal.acknowledged");
        assertThat(acks).hasSize(1);
        assertThat(acks.getFirst().target())
                .isEqualTo("signal:" + raised.getFirst().seq());
        assertThat(acks.getFirst().actor().id()).isEqualTo(admin.account().id().toString());
        String page = browser.get("/admin/security").body();
        assertThat(page)
                .contains("signal-" + raised.getFirst().seq())
                .contains(admin.account().id().toString())
                .doesNotContain(
                        "aria-label=\"Acknowledge signal " + raised.getFirst().seq() + "\"");
        assertThat(browser.post("/admin/security/signals/" + raised.getFirst().seq() + "/acknowledge", Map.of())
                        .statusCode())
                .isEqualTo(302);
        assertThat(entries("security.signal.acknowledged"))
                .as("acknowledged once")
                .hasSize(1);
    }

    @Test
    void onlyAdminsSeeTheSignals() {
        Person officer = people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER);
        WebClient browser = People.signIn(port, officer);

        assertThat(browser.get("/admin/security").statusCode()).isEqualTo(403);
    }

    private void assertOnTheAdminPage(AuditEntry signal) {
        Person admin = people.create(tenant, "Ada Admin", Role.ADMIN);
        String page = People.signIn(port, admin).get("/admin/security").body();
        assertThat(page)
                .contains("signal-" + signal.seq())
                .contains(signal.details().get("type"))
                .contains(signal.target());
    }

    private HttpResponse<String> password(WebClient browser, String email, String password) {
        browser.get("/sign-in?tenant=" + tenant.slug());
        return browser.post("/sign-in", Map.of("tenant", tenant.slug(), "email", email, "password", password));
    }

    private double count(String type) {
        var counter = meters.find("lethe.security.signals").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    private List<AuditEntry> signals(String type) {
        return entries("security.signal").stream()
                .filter(entry -> type.equals(entry.details().get("type")))
                .toList();
    }

    private List<AuditEntry> entries(String action) {
        return as(
                tenant.id(), () -> trail.page(tenant.id(), new AuditQuery(null, null, null, action, null, null, 100)));
    }

    record Key(ApiKey key, String secret) {}

    private Key key(String name, Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        ApiKey key = as(
                tenant.id(), () -> apiKeys.ensure(tenant.id(), name + "-" + UUID.randomUUID(), secret, Set.of(role)));
        return new Key(key, secret);
    }

    /** Tokens of 600 different values, in one batch. */
    private List<Map<String, String>> tokenize(String key) throws Exception {
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            items.add(Map.of(
                    "subject",
                    "cust-" + i,
                    "category",
                    "contact.email",
                    "kind",
                    "DETERMINISTIC",
                    "value",
                    "person" + i + "@example.com"));
        }
        HttpResponse<String> response = vault("/tokenize/batch", key, Map.of("items", items));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Map<String, String>> tokens = new ArrayList<>();
        JSON.readTree(response.body())
                .get("tokens")
                .forEach(token -> tokens.add(Map.of("token", token.get("token").asString())));
        return tokens;
    }

    private HttpResponse<String> vault(String path, String key, Object body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/vault" + path))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + key)
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key, InetAddress from) throws Exception {
        HttpClient.Builder client = HttpClient.newBuilder();
        if (from != null) {
            client.localAddress(from);
        }
        return client.build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
