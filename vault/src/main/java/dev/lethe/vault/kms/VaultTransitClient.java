package dev.lethe.vault.kms;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/**
 * JSON over HTTP to Vault's transit engine. Classifies failures once, here: I/O, timeouts, 429 and 5xx
 * are retriable; other statuses (403 bad token, 400 bad ciphertext, 404 unknown key) are not. Response
 * bodies are not copied into exceptions: Vault's errors may quote request data.
 */
final class VaultTransitClient {
    private static final Gson GSON = new Gson();

    private final VaultTransitSettings settings;
    private final HttpClient http;

    VaultTransitClient(VaultTransitSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    JsonObject get(String path) {
        return send(request(path).GET().build(), path);
    }

    JsonObject post(String path, JsonObject body) {
        String json = GSON.toJson(body);
        return send(
                request(path).POST(HttpRequest.BodyPublishers.ofString(json)).build(), path);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.uri(path))
                .timeout(settings.timeout())
                .header("X-Vault-Token", settings.token())
                .header("X-Vault-Request", "true")
                .header("Content-Type", "application/json");
        if (settings.namespace() != null && !settings.namespace().isBlank()) {
            builder.header("X-Vault-Namespace", settings.namespace());
        }
        return builder;
    }

    private JsonObject send(HttpRequest request, String path) {
        String operation = path.substring(0, path.indexOf('/') < 0 ? path.length() : path.indexOf('/'));
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new KmsException("Vault transit " + operation + " timed out", true, e);
        } catch (IOException e) {
            throw new KmsException(
                    "Vault transit " + operation + " failed: " + e.getClass().getSimpleName(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KmsException("interrupted while calling Vault transit", true, e);
        }
        int status = response.statusCode();
        if (status == 204) {
            return new JsonObject();
        }
        if (status < 200 || status > 299) {
            boolean retriable = status == 429 || status >= 500;
            throw new KmsException("Vault transit " + operation + " answered HTTP " + status, retriable);
        }
        try {
            JsonObject body = GSON.fromJson(response.body(), JsonObject.class);
            return body == null ? new JsonObject() : body;
        } catch (JsonParseException e) {
            throw new KmsException("Vault transit " + operation + " answered malformed JSON", false, e);
        }
    }
}
