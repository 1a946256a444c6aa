package dev.lethe.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class AuditApiIT extends AppIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    AuditTrail trail;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void anAuditorPagesTheTrailAndVerifiesIt() throws Exception {
        String auditor = key(Role.AUDITOR);
        String target = UniqueNames.of("system");
        as(
                Tenant.DEFAULT_ID,
                () -> trail.append(new AuditEvent(
                        Tenant.DEFAULT_ID,
                        Actor.system("test"),
                        "catalog.system.created",
                        target,
                        Map.of("name", "shop"))));

        JsonNode page = json(get("/api/v1/audit?action=catalog.system.created&target=" + target, auditor));
        JsonNode verification = json(get("/api/v1/audit/verify", auditor));

        assertThat(page.get("entries")).hasSize(1);
        assertThat(page.get("entries").get(0).get("details").get("name").asString())
                .isEqualTo("shop");
        assertThat(verification.get("intact").asBoolean()).isTrue();
        assertThat(verification.get("entries").asLong()).isPositive();
        assertThat(verification.get("head").asString()).hasSize(64);
        assertThat(verification.has("firstBrokenSeq")).isFalse();
    }

    @Test
    void anEngineerMayNotReadTheTrail() throws Exception {
        HttpResponse<String> response = get("/api/v1/audit", key(Role.ENGINEER));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aBadLimitIsAProblemNotAnError() throws Exception {
        HttpResponse<String> response = get("/api/v1/audit?limit=100000", ADMIN_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("detail").asString()).contains("limit");
    }

    private String key(Role role) {
        String secret = UniqueNames.of("audit-api-test-key-0123456789abcdef");
        as(
                Tenant.DEFAULT_ID,
                () -> apiKeys.ensure(
                        Tenant.DEFAULT_ID, UniqueNames.of(role.name().toLowerCase()), secret, Set.of(role)));
        return secret;
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(500);
        return JSON.readTree(response.body());
    }
}
