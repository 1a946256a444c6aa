package dev.lethe.vault.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The AWS KMS client against a loopback stand-in speaking KMS's JSON 1.1 protocol. The stand-in
 * "encrypts" by prefixing the encryption context, which is enough to check what the SDK sends and how
 * answers and errors are read.
 */
class AwsKmsTest {
    private static final Gson GSON = new Gson();
    private static final String KEY_ARN = "arn:aws:kms:eu-central-1:111122223333:key/lethe";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AD = "lethe-vault/v1/key/acme/00".getBytes(StandardCharsets.US_ASCII);

    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
    private volatile int failWith;
    private final HttpServer server;
    private final AwsKms kms;

    AwsKmsTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        KmsClient client = KmsClient.builder()
                .region(Region.EU_CENTRAL_1)
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
        kms = new AwsKms(client, KEY_ARN);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void wrapsAndUnwrapsWithTheBindingAsEncryptionContext() {
        WrappedDek wrapped = kms.wrap(KEY, AD);

        assertThat(wrapped.kekVersion()).isEqualTo(1);
        assertThat(targets.getFirst()).isEqualTo("TrentService.Encrypt");
        JsonObject encrypt = bodies.getFirst();
        assertThat(encrypt.get("KeyId").getAsString()).isEqualTo(KEY_ARN);
        assertThat(encrypt.getAsJsonObject("EncryptionContext")
                        .get("lethe:binding")
                        .getAsString())
                .isEqualTo(Base64.getEncoder().encodeToString(AD));
        assertThat(kms.unwrap(wrapped, AD)).isEqualTo(KEY);
        assertThat(targets.getLast()).isEqualTo("TrentService.Decrypt");
    }

    @Test
    void aWrongBindingIsAPermanentFailure() {
        WrappedDek wrapped = kms.wrap(KEY, AD);

        assertThatThrownBy(() -> kms.unwrap(wrapped, "other".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(
                        KmsException.class, e -> assertThat(e.isRetriable()).isFalse())
                .hasMessage("AWS KMS decrypt failed: InvalidCiphertextException");
    }

    @Test
    void serverErrorsAreRetriable() {
        failWith = 500;

        assertThatThrownBy(() -> kms.wrap(KEY, AD))
                .isInstanceOfSatisfying(
                        KmsException.class, e -> assertThat(e.isRetriable()).isTrue());
    }

    @Test
    void rotationIsOnDemandAndKeepsTheSingleVersion() {
        assertThat(kms.rotate()).isEqualTo(1);
        assertThat(targets.getLast()).isEqualTo("TrentService.RotateKeyOnDemand");
        assertThat(kms.activeVersions()).containsExactly(1);
        assertThatThrownBy(() -> kms.retire(1)).isInstanceOf(IllegalArgumentException.class);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        JsonObject body = GSON.fromJson(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), JsonObject.class);
        targets.add(target);
        bodies.add(body);
        if (failWith != 0) {
            reply(exchange, failWith, error("KMSInternalException"));
            return;
        }
        JsonObject out = new JsonObject();
        switch (target) {
            case "TrentService.Encrypt" -> {
                String sealed = context(body) + "|" + body.get("Plaintext").getAsString();
                out.addProperty("CiphertextBlob", b64(sealed));
                out.addProperty("KeyId", KEY_ARN);
            }
            case "TrentService.Decrypt" -> {
                String[] sealed = new String(
                                Base64.getDecoder()
                                        .decode(body.get("CiphertextBlob").getAsString()),
                                StandardCharsets.UTF_8)
                        .split("\\|");
                if (!sealed[0].equals(context(body))) {
                    reply(exchange, 400, error("InvalidCiphertextException"));
                    return;
                }
                out.addProperty("Plaintext", sealed[1]);
                out.addProperty("KeyId", KEY_ARN);
            }
            default -> out.addProperty("KeyId", KEY_ARN);
        }
        reply(exchange, 200, out);
    }

    private static String context(JsonObject body) {
        return GSON.toJson(body.get("EncryptionContext"));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject error(String type) {
        JsonObject error = new JsonObject();
        error.addProperty("__type", type);
        error.addProperty("message", "fake");
        return error;
    }

    private static void reply(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
