package dev.lethe.app.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.infra.testing.Eventually;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** What the request ITs do through the API again and again: wait for a request, find a system, register one. */
final class RequestsHttp {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    private RequestsHttp() {}

    static JsonNode await(CatalogHttp reader, String path, Predicate<JsonNode> done) {
        return Eventually.require("the request at " + path, () -> CatalogHttp.body(reader.get(path)), done, PATIENCE);
    }

    static String status(JsonNode request) {
        return request.get("status").asString();
    }

    static JsonNode system(JsonNode request, String connectorType) {
        for (JsonNode system : request.get("systems")) {
            if (system.get("connectorType").asString().equals(connectorType)) {
                return system;
            }
        }
        throw new AssertionError("no " + connectorType + " system in " + request.get("systems"));
    }

    static String state(JsonNode request, String connectorType) {
        return system(request, connectorType).get("state").asString();
    }

    static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return CatalogHttp.body(response);
    }

    static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Registers a connection, discovers its datasets and confirms every field; answers dataset ids by name. */
    static Map<String, String> connectAndConfirm(CatalogHttp engineer, Map<String, Object> registration) {
        String path = "/api/v1/connections/"
                + created(engineer.post("/api/v1/connections", registration))
                        .get("id")
                        .asString();
        HttpResponse<String> discoveredResponse = engineer.post(path + "/discover", Map.of());
        ok(discoveredResponse);
        Map<String, String> datasets = new HashMap<>();
        CatalogHttp.body(discoveredResponse)
                .get("datasets")
                .forEach(d -> datasets.put(d.get("name").asString(), d.get("id").asString()));
        for (String dataset : datasets.values()) {
            String datasetPath = "/api/v1/datasets/" + dataset;
            ok(engineer.post(
                    datasetPath + "/fields/review",
                    CatalogHttp.etag(engineer.get(datasetPath)),
                    Map.of("decision", "CONFIRM")));
        }
        return datasets;
    }

    /** The id in a connection's path, as the request's systems name it. */
    static String connectionId(JsonNode request, String connectorType) {
        return system(request, connectorType).get("connectionId").asString();
    }
}
