package dev.lethe.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class OpenApiIT extends AppIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void theApiDescribesItselfWithBearerKeys() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = new ObjectMapper().readTree(response.body());
        assertThat(api.get("openapi").asString()).startsWith("3.");
        assertThat(api.get("paths").has("/api/v1/audit")).isTrue();
        assertThat(api.get("paths").has("/api/v1/audit/verify")).isTrue();
        assertThat(api.get("components")
                        .get("securitySchemes")
                        .get("apiKey")
                        .get("scheme")
                        .asString())
                .isEqualTo("bearer");
    }
}
