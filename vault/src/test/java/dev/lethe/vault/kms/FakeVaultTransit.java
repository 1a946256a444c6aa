package dev.lethe.vault.kms;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Vault's transit engine on loopback, with the request and response shapes of the real
 * API (encrypt, decrypt, keys, rotate, config) and real AES-GCM per key version. Like Vault, it retires
 * by {@code min_decryption_version} only: every version below it stops decrypting.
 */
final class FakeVaultTransit implements AutoCloseable {
    static final String TOKEN = "s.test-token";
    private static final Gson GSON = new Gson();

    record Call(String method, String path, Map<String, List<String>> headers, JsonObject body) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<Integer, Aead> versions = new ConcurrentHashMap<>();
    private final AtomicInteger failNextWith = new AtomicInteger();
    private volatile int minDecryptionVersion = 1;
    private final HttpServer server;

    FakeVaultTransit() throws IOException {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        addVersion();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/transit/", this::handle);
        server.start();
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void failNextWith(int status) {
        failNextWith.set(status);
    }

    int latest() {
        return versions.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/v1/transit/".length());
        String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonObject body = raw.isEmpty() ? new JsonObject() : GSON.fromJson(raw, JsonObject.class);
        calls.add(new Call(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
        int failure = failNextWith.getAndSet(0);
        if (failure != 0) {
            reply(exchange, failure, errors("injected failure"));
        } else if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
            reply(exchange, 403, errors("permission denied"));
        } else if (!path.endsWith("/lethe") && !path.contains("/lethe/")) {
            reply(exchange, 404, errors("encryption key not found"));
        } else {
            route(exchange, path, body);
        }
    }

    private void route(HttpExchange exchange, String path, JsonObject body) throws IOException {
        try {
            switch (path) {
                case "encrypt/lethe" -> reply(exchange, 200, encrypt(body));
                case "decrypt/lethe" -> decrypt(exchange, body);
                case "keys/lethe" -> reply(exchange, 200, keyInfo());
                case "keys/lethe/rotate" -> {
                    addVersion();
                    reply(exchange, 200, keyInfo());
                }
                case "keys/lethe/config" -> config(exchange, body);
                default -> reply(exchange, 404, errors("unsupported path"));
            }
        } catch (GeneralSecurityException e) {
            reply(exchange, 400, errors("cipher: message authentication failed"));
        }
    }

    /**
     * As Vault: {@code min_decryption_version} makes every version below it unusable at once (they stay
     * archived, so lowering it again brings them back); it cannot exceed the latest version.
     */
    private void config(HttpExchange exchange, JsonObject body) throws IOException {
        if (body.has("min_decryption_version")) {
            int min = body.get("min_decryption_version").getAsInt();
            if (min > latest()) {
                reply(
                        exchange,
                        400,
                        errors("cannot set min decryption version to a value greater than latest version"));
                return;
            }
            minDecryptionVersion = Math.max(1, min);
        }
        reply(exchange, 204, null);
    }

    private JsonObject encrypt(JsonObject body) throws GeneralSecurityException {
        int version = latest();
        byte[] ct = versions.get(version).encrypt(b64(body, "plaintext"), b64(body, "associated_data"));
        JsonObject data = new JsonObject();
        data.addProperty(
                "ciphertext", "vault:v" + version + ":" + Base64.getEncoder().encodeToString(ct));
        data.addProperty("key_version", version);
        return wrap(data);
    }

    private void decrypt(HttpExchange exchange, JsonObject body) throws IOException, GeneralSecurityException {
        String[] parts = body.get("ciphertext").getAsString().split(":");
        int version = Integer.parseInt(parts[1].substring(1));
        if (version < minDecryptionVersion || !versions.containsKey(version)) {
            reply(exchange, 400, errors("ciphertext or signature version is disallowed by policy (too old)"));
            return;
        }
        byte[] plain =
                versions.get(version).decrypt(Base64.getDecoder().decode(parts[2]), b64(body, "associated_data"));
        JsonObject data = new JsonObject();
        data.addProperty("plaintext", Base64.getEncoder().encodeToString(plain));
        reply(exchange, 200, wrap(data));
    }

    private JsonObject keyInfo() {
        JsonObject data = new JsonObject();
        data.addProperty("name", "lethe");
        data.addProperty("type", "aes256-gcm96");
        data.addProperty("latest_version", latest());
        data.addProperty("min_decryption_version", minDecryptionVersion);
        data.addProperty("min_encryption_version", 0);
        JsonObject keys = new JsonObject();
        for (int v = minDecryptionVersion; v <= latest(); v++) {
            keys.addProperty(Integer.toString(v), 1700000000 + v);
        }
        data.add("keys", keys);
        return wrap(data);
    }

    private void addVersion() {
        try {
            KeysetHandle handle =
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get());
            versions.put(versions.size() + 1, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] b64(JsonObject body, String field) {
        return body.has(field) ? Base64.getDecoder().decode(body.get(field).getAsString()) : new byte[0];
    }

    private static JsonObject wrap(JsonObject data) {
        JsonObject response = new JsonObject();
        response.add("data", data);
        return response;
    }

    private static JsonObject errors(String message) {
        JsonObject response = new JsonObject();
        response.add("errors", GSON.toJsonTree(List.of(message)));
        return response;
    }

    private static void reply(HttpExchange exchange, int status, JsonObject body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
