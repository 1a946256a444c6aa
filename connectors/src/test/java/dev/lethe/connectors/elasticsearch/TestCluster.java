package dev.lethe.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.infra.testing.UniqueNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Indices of one test class on the shared test Elasticsearch, under a unique prefix, and
 * connections of the Elasticsearch connector that see only them.
 */
record TestCluster(String url, String prefix) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static TestCluster create(String base) {
        return new TestCluster(TestServices.endpoints().elasticsearchUrl(), UniqueNames.of(base));
    }

    String index(String name) {
        return prefix + "-" + name;
    }

    /** A guard that allows the test cluster, as an administrator would. */
    OutboundGuard guard() {
        URI uri = URI.create(url);
        return OutboundGuard.fromSetting(uri.getHost() + ":" + uri.getPort());
    }

    Connector open(Map<String, String> overrides, ConnectorRuntime runtime) {
        var type = new ElasticsearchConnectorType();
        Map<String, String> settings = new HashMap<>();
        settings.put("url", url);
        settings.put("index-patterns", prefix + "-*");
        settings.putAll(overrides);
        return type.open(type.configure(settings), runtime);
    }

    void createIndex(String name, String mappings) {
        request("PUT", "/" + index(name), "{\"settings\":{\"number_of_replicas\":0},\"mappings\":" + mappings + "}");
    }

    /** Indexes documents (id → JSON) and refreshes, so that the connector sees them at once. */
    void bulk(String name, Map<String, String> documents) {
        StringBuilder ndjson = new StringBuilder();
        documents.forEach((id, document) -> ndjson.append("{\"index\":{\"_index\":\"")
                .append(index(name))
                .append("\",\"_id\":\"")
                .append(id)
                .append("\"}}\n")
                .append(document.replace('\n', ' '))
                .append('\n'));
        JsonNode result = send("POST", "/_bulk?refresh=true", ndjson.toString(), "application/x-ndjson");
        assertThat(result.path("errors").asBoolean()).as(result.toString()).isFalse();
    }

    /** A document's source, or null when it is gone. */
    JsonNode source(String name, String id) {
        JsonNode result = send("GET", "/" + index(name) + "/_doc/" + id, null, "application/json");
        return result.path("found").asBoolean() ? result.path("_source") : null;
    }

    long count(String name, String query) {
        return request("POST", "/" + index(name) + "/_count", "{\"query\":" + query + "}")
                .path("count")
                .asLong();
    }

    JsonNode request(String method, String path, String body) {
        return send(method, path, body, "application/json");
    }

    private JsonNode send(String method, String path, String body, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("content-type", contentType)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as(method + " " + path + ": " + response.body())
                    .isIn(200, 201, 404);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
