package dev.lethe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ActuatorIT extends AppIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

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

    private HttpResponse<String> get(String path, String apiKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
