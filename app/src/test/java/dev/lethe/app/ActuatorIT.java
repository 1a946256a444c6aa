package dev.lethe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ActuatorIT extends AppIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthShowsOnlyTheOverallStatusWithoutAKey() throws Exception {
        HttpResponse<String> response = get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.has("components")).isFalse();
    }

    @Test
    void theAdminKeySeesEachServiceUp() throws Exception {
        HttpResponse<String> response = get("/actuator/health", ADMIN_KEY);

        JsonNode components = JSON.readTree(response.body()).get("components");
        for (String service : new String[] {"db", "kafka", "elasticsearch", "temporal"}) {
            assertThat(components.get(service).get("status").asString())
                    .as(service)
                    .isEqualTo("UP");
        }
    }

    @Test
    void anUnknownKeyIsRefusedWithAProblem() throws Exception {
        HttpResponse<String> response = get("/actuator/health", "not-a-key-of-ours");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(401);
    }

    @Test
    void prometheusMetricsNeedTheAdminKey() throws Exception {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);

        HttpResponse<String> metrics = get("/actuator/prometheus", ADMIN_KEY);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }
}
