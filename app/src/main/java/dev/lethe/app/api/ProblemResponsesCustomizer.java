package dev.lethe.app.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Completes each operation of the generated document with the problem responses (RFC 9457,
 * {@code application/problem+json}) that the security filters and the problem handlers give before
 * or instead of the controller's answer, which springdoc cannot see: 401 and 403 from the bearer
 * filters, 400 for a bad parameter or body, 404 for an unknown id in the path, 413 for a body over
 * {@code lethe.api.max-request-body}, 429 with {@code Retry-After} from the rate limits (every
 * operation: addresses are counted before authentication). Responses the controllers' advice documented already keep
 * their code but describe the problem body. The two links that carry their own token (callbacks,
 * package downloads) need no bearer token: their operations say so.
 */
final class ProblemResponsesCustomizer implements OpenApiCustomizer {

    static final String PROBLEM = "application/problem+json";
    private static final String SCHEMA = "Problem";
    private static final List<String> OWN_TOKEN_PATHS = List.of("/api/v1/callbacks/", "/api/v1/packages/");

    private static final Map<String, String> RESPONSES = Map.of(
            "400", "The request is not valid: a parameter or the body, as the detail says",
            "401", "No bearer token, or one that is unknown, revoked, expired or not signed by the issuer",
            "403", "The caller's roles or scopes do not allow this",
            "404", "Nothing with that id in the caller's tenant",
            "413", "The request body is larger than the API accepts",
            "429", "Too many requests from this address, API key or user: try again after Retry-After seconds");

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() != null ? api.getComponents() : new Components();
        api.setComponents(components);
        components.addSchemas(SCHEMA, problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    complete(path, method, operation);
                }));
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        operation.setResponses(responses);
        // What the advice documented already: same code, the body it really has.
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(problemContent());
            }
        });
        boolean ownToken = OWN_TOKEN_PATHS.stream().anyMatch(path::startsWith);
        if (ownToken) {
            operation.setSecurity(List.of());
        } else {
            add(responses, "401");
            add(responses, "403");
        }
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters =
                operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (hasBody || hasParameters) {
            add(responses, "400");
        }
        if (path.contains("{")) {
            add(responses, "404");
        }
        if (hasBody || method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
            add(responses, "413");
        }
        if (!responses.containsKey("429")) {
            responses.addApiResponse(
                    "429",
                    new ApiResponse()
                            .description(RESPONSES.get("429"))
                            .content(problemContent())
                            .addHeaderObject(
                                    "Retry-After",
                                    new Header()
                                            .description("Whole seconds until the next request is accepted")
                                            .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE))));
        }
    }

    private static void add(ApiResponses responses, String code) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(
                    code, new ApiResponse().description(RESPONSES.get(code)).content(problemContent()));
        }
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(PROBLEM, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)));
    }

    // swagger-models types an object's properties as raw Schema.
    @SuppressWarnings("rawtypes")
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri-reference").description("What kind of problem"));
        properties.put("title", new StringSchema().description("A short summary of the kind of problem"));
        properties.put("status", new IntegerSchema().format("int32").description("The HTTP status code"));
        properties.put("detail", new StringSchema().description("What went wrong this time, for a person"));
        properties.put("instance", new StringSchema().format("uri-reference").description("This occurrence"));
        ObjectSchema schema = new ObjectSchema();
        schema.setProperties(properties);
        schema.setDescription("An RFC 9457 problem document; some problems add members of their own.");
        return schema;
    }
}
