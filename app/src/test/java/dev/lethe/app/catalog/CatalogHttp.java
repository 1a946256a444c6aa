package dev.lethe.app.catalog;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A small HTTP client for the catalog API as an integration uses it: bearer key, JSON, If-Match. */
public final class CatalogHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    public static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String key;

    public CatalogHttp(int port, String key) {
        this.port = port;
        this.key = key;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> post(String path, Object body) {
        return send(request(path).POST(json(body)));
    }

    public HttpResponse<String> put(String path, String ifMatch, Object body) {
        HttpRequest.Builder request = request(path).PUT(json(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    public HttpResponse<String> post(String path, String ifMatch, Object body) {
        return send(request(path).header("If-Match", ifMatch).POST(json(body)));
    }

    public HttpResponse<String> postIfMatch(String path, String ifMatch) {
        return send(request(path).header("If-Match", ifMatch).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> delete(String path, String ifMatch) {
        HttpRequest.Builder request = request(path).DELETE();
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    public static JsonNode body(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
