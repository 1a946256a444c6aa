package dev.lethe.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class OpenApiIT extends AppIntegrationTest {

    @Test
    void theApiDescribesItselfWithBearerKeys() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = new ObjectMapper().readTree(response.body());
        assertThat(api.get("openapi").asString()).startsWith("3.");
        assertThat(api.get("paths").has("/api/v1/audit")).isTrue();
        assertThat(api.get("paths").has("/api/v1/audit/verify")).isTrue();
        assertThat(api.get("paths").has("/api/v1/requests/{id}/systems/{system}/skip"))
                .isTrue();
        assertThat(api.get("components")
                        .get("securitySchemes")
                        .get("apiKey")
                        .get("scheme")
                        .asString())
                .isEqualTo("bearer");
    }
}
