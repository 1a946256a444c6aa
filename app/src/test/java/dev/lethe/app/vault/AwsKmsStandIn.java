package dev.lethe.app.vault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback stand-in for the AWS KMS API (JSON 1.1: {@code X-Amz-Target: TrentService.*}), as in the
 * vault module's {@code AwsKmsTest}: it "encrypts" by prefixing the encryption context, which is enough
 * for the SDK inside the application to wrap and unwrap and for a test to see what it sent.
 */
final class AwsKmsStandIn implements AutoCloseable {
    static final String KEY_ARN = "arn:aws:kms:eu-central-1:111122223333:key/lethe-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The operations called, in order, e.g. {@code TrentService.Encrypt}. */
    final List<String> targets = new CopyOnWriteArrayList<>();

    private final HttpServer server;

    AwsKmsStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        targets.add(target);
        ObjectNode out = JSON.createObjectNode();
        out.put("KeyId", KEY_ARN);
        if (!KEY_ARN.equals(body.path("KeyId").asString(""))) {
            reply(exchange, 400, error("NotFoundException"));
            return;
        }
        switch (target) {
            case "TrentService.Encrypt" -> {
                String sealed = context(body) + "|" + body.get("Plaintext").asString();
                out.put("CiphertextBlob", b64(sealed));
            }
            case "TrentService.Decrypt" -> {
                String[] sealed = new String(
                                Base64.getDecoder()
                                        .decode(body.get("CiphertextBlob").asString()),
                                StandardCharsets.UTF_8)
                        .split("\\|");
                if (sealed.length != 2 || !sealed[0].equals(context(body))) {
                    reply(exchange, 400, error("InvalidCiphertextException"));
                    return;
                }
                out.put("Plaintext", sealed[1]);
            }
            case "TrentService.RotateKeyOnDemand" -> {}
            default -> {
                reply(exchange, 400, error("UnsupportedOperationException"));
                return;
            }
        }
        reply(exchange, 200, out);
    }

    private static String context(JsonNode body) {
        return body.path("EncryptionContext").toString();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode error(String type) {
        ObjectNode error = JSON.createObjectNode();
        error.put("__type", type);
        error.put("message", "stand-in");
        return error;
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
