package dev.lethe.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A tenant's portal limits changed by its ADMIN through {@code /api/v1/portal/limits/{tenant}}, without a
 * restart: the next filing obeys them, the change is audited, {@code DELETE} goes back to the configured
 * limits; other roles get {@code 403}, another tenant's ADMIN {@code 404}, bad limits a {@code 400} problem.
 */
class PortalLimitsApiIT extends PortalTestBase {

    private static final String LIMITS = """
            {"submissionsPerAddress": 1, "submissionsPerIdentity": 3, "codeSendsPerAddress": 8,
             "codeSendsPerIdentity": 4, "codeAttemptsPerAddress": 8, "window": "PT2H"}""";

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private String key(Tenant tenant, Role role) {
        String key = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), key, Set.of(role), Scope.all()));
        return key;
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Files an erasure from a new address of its own; returns the answer's status. */
    private static int fileFrom(PortalVisitor visitor, Tenant tenant) {
        String form = "/privacy/" + tenant.slug() + "/new/erasure";
        visitor.get(form);
        return visitor.post(form, Map.of("email", UniqueNames.of("lim") + "@example.org"))
                .statusCode();
    }

    @Test
    void anAdminChangesATenantsLimitsAndTheNextRequestObeysThem() throws Exception {
        Tenant tenant = tenants.create(UniqueNames.of("portal-limits"), "Limits test");
        String admin = key(tenant, Role.ADMIN);
        String path = "/api/v1/portal/limits/" + tenant.slug();

        HttpResponse<String> configured = send("GET", path, admin, null);
        assertThat(configured.statusCode()).isEqualTo(200);
        assertThat(configured.body()).contains("\"source\":\"configuration\"", "\"submissionsPerAddress\":4");
        PortalVisitor before = visitorOfItsOwn();
        assertThat(fileFrom(before, tenant)).isEqualTo(302);
        assertThat(fileFrom(before, tenant)).as("the configured limit is 4").isEqualTo(302);

        HttpResponse<String> changed = send("PUT", path, admin, LIMITS);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body())
                .contains("\"source\":\"database\"", "\"submissionsPerAddress\":1", "\"window\":\"PT2H\"");

        PortalVisitor after = visitorOfItsOwn();
        assertThat(fileFrom(after, tenant)).isEqualTo(302);
        after.get("/privacy/" + tenant.slug() + "/new/erasure");
        HttpResponse<String> limited = after.post(
                "/privacy/" + tenant.slug() + "/new/erasure", Map.of("email", UniqueNames.of("lim") + "@example.org"));
        assertThat(limited.statusCode())
                .as("the limit set a moment ago, no restart")
                .isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(audited(tenant, "portal.limits.changed"))
                .singleElement()
                .asString()
                .contains("\"submissionsPerAddress\"", "PT2H");

        HttpResponse<String> reset = send("DELETE", path, admin, null);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.body()).contains("\"source\":\"configuration\"");
        PortalVisitor third = visitorOfItsOwn();
        assertThat(fileFrom(third, tenant)).isEqualTo(302);
        assertThat(fileFrom(third, tenant)).as("the configured limits again").isEqualTo(302);
        assertThat(audited(tenant, "portal.limits.reset")).hasSize(1);
    }

    @Test
    void onlyTheTenantsAdminChangesItsLimitsAndBadLimitsAreAProblem() throws Exception {
        Tenant tenant = tenants.create(UniqueNames.of("portal-limits"), "Limits test");
        Tenant other = tenants.create(UniqueNames.of("portal-limits-other"), "Other");
        String path = "/api/v1/portal/limits/" + tenant.slug();

        HttpResponse<String> officer = send("PUT", path, key(tenant, Role.PRIVACY_OFFICER), LIMITS);
        assertThat(officer.statusCode()).isEqualTo(403);
        HttpResponse<String> foreign = send("PUT", path, key(other, Role.ADMIN), LIMITS);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        String admin = key(tenant, Role.ADMIN);
        HttpResponse<String> zero = send(
                "PUT", path, admin, LIMITS.replace("\"submissionsPerAddress\": 1", "\"submissionsPerAddress\": 0"));
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(zero.body()).contains("submissionsPerAddress");
        HttpResponse<String> window = send("PUT", path, admin, LIMITS.replace("PT2H", "P30D"));
        assertThat(window.statusCode()).isEqualTo(400);
        assertThat(window.body()).contains("window");

        assertThat(send("GET", path, admin, null).body()).contains("\"source\":\"configuration\"");
        assertThat(audited(tenant, "portal.limits.changed")).isEmpty();
    }
}
