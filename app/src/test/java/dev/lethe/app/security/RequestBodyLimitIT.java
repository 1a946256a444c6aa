package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The API reads no request body larger than {@code lethe.api.max-request-body} (1 MB by default). */
class RequestBodyLimitIT extends AppIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int TWO_MIB = 2 * 1024 * 1024;

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedWith413() throws Exception {
        HttpResponse<String> response = post("/api/v1/systems", BodyPublishers.ofString(system(TWO_MIB)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":413").contains("1048576 bytes");
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimitAndRefusedWith413() throws Exception {
        HttpResponse<String> response = post("/api/v1/systems", chunked(system(TWO_MIB)));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aChunkedBodyWithinTheLimitReachesTheController() throws Exception {
        HttpResponse<String> response = post("/api/v1/systems", chunked(system(100)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void callbacksKeepTheirOwnLargerLimitAndAnswerForTheirToken() throws Exception {
        HttpResponse<String> response = post(
                "/api/v1/callbacks/" + "x".repeat(43),
                BodyPublishers.ofString("{\"pad\":\"" + "a".repeat(TWO_MIB) + "\"}"));

        assertThat(response.statusCode()).isEqualTo(404);
    }

    /** A system whose description pads the body to about {@code size} bytes. */
    private static String system(int size) {
        return "{\"name\":\"limit-" + UUID.randomUUID() + "\",\"ownerTeam\":\"checkout\","
                + "\"contact\":\"checkout-team@example.com\",\"environment\":\"PRODUCTION\","
                + "\"hostingRegion\":\"eu-central-1\",\"description\":\"" + "a".repeat(size) + "\"}";
    }

    /** No Content-Length: the client sends the body in chunks. */
    private static BodyPublisher chunked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    private HttpResponse<String> post(String path, BodyPublisher body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + ADMIN_KEY)
                        .header("Content-Type", "application/json")
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
