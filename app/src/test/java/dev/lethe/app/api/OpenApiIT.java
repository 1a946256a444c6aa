package dev.lethe.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

public class OpenApiIT extends AppIntegrationTest {

    @Test
    void theApiDescribesItselfWithBearerKeys() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = new ObjectMapper().readTree(response.body());
        assertThat(api.get("openapi").asString()).startsWith("3.");
        assertThat(api.get("paths").has("/api/v1/audit")).isTrue();
        assertThat(api.get("paths").has("/api/v1/audit/verify")).isTrue();
        assertThat(api.get("paths").has("/api/v1/api-keys/{id}")).isTrue();
        assertThat(api.get("paths").has("/api/v1/tenants/{id}")).isTrue();
        assertThat(api.get("paths").get("/api/v1/users/{id}/password-reset").has("post"))
                .isTrue();
        assertThat(api.get("paths").has("/api/v1/requests/{id}/systems/{system}/skip"))
                .isTrue();
        assertThat(api.get("components")
                        .get("securitySchemes")
                        .get("apiKey")
                        .get("scheme")
                        .asString())
                .isEqualTo("bearer");
    }

    @Test
    void theDocumentIsValidOpenApiWithBothBearerSchemesAndProblemResponses() throws Exception {
        String document = get("/v3/api-docs", null).body();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), document);

        SwaggerParseResult parsed = parse(document);

        assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
        var api = parsed.getOpenAPI();
        assertThat(api.getComponents().getSecuritySchemes()).containsOnlyKeys("apiKey", "jwt");
        assertThat(api.getComponents().getSecuritySchemes().get("jwt").getBearerFormat())
                .isEqualTo("JWT");
        assertThat(api.getSecurity()).hasSize(2);
        var getRequest = api.getPaths().get("/api/v1/requests/{id}").getGet();
        assertThat(getRequest.getResponses()).containsKeys("200", "401", "403", "404");
        assertThat(getRequest.getResponses().get("404").getContent())
                .containsOnlyKeys(ProblemResponsesCustomizer.PROBLEM);
        assertThat(api.getPaths().get("/api/v1/systems").getPost().getResponses())
                .containsKeys("400", "401", "403", "413", "429");
        // Every operation that answers with an error says the error is a problem document.
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> operation.getResponses().forEach((code, answer) -> {
                            if (code.startsWith("4") || code.startsWith("5")) {
                                assertThat(answer.getContent())
                                        .as(method + " " + path + " " + code)
                                        .containsOnlyKeys(ProblemResponsesCustomizer.PROBLEM);
                            }
                        })));
        // Every operation can be rate limited, and says how long to wait.
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> assertThat(
                                        operation.getResponses().get("429").getHeaders())
                                .as(method + " " + path)
                                .containsKey("Retry-After")));
        // A link that carries its own token needs no bearer token.
        api.getPaths().keySet().stream()
                .filter(path -> path.startsWith("/api/v1/packages/") || path.startsWith("/api/v1/callbacks/"))
                .forEach(path -> api.getPaths()
                        .get(path)
                        .readOperations()
                        .forEach(operation ->
                                assertThat(operation.getSecurity()).as(path).isEmpty()));
    }

    /** What OpenAPI tooling makes of the document: the parser's validation messages and the model. */
    public static SwaggerParseResult parse(String document) {
        var options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        return new OpenAPIV3Parser().readContents(document, null, options);
    }
}
