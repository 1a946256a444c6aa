package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a caller can make Lethe read, through the real HTTP stack: bodies (413 on the API and on form
 * posts, before CSRF or a controller reads them), JSON shapes (400 naming the reader's limit, nothing
 * of the body echoed) and page sizes (400 naming the maximum on every paged API).
 */
class InputLimitsIT extends AppIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TWO_MIB = "a".repeat(2 * 1024 * 1024);

    @Test
    void aFormPostLargerThanTheLimitIsRefusedWith413BeforeCsrf() throws Exception {
        for (String path : new String[] {"/privacy/no-such-tenant/new/erasure", "/sign-in"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString("email=" + TWO_MIB)));

            assertThat(response.statusCode()).as(path).isEqualTo(413);
            assertThat(response.body()).contains("\"status\":413").doesNotContain("aaaa");
        }
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsRefusedWith400NamingIt() throws Exception {
        String marker = "nested-marker-7f3a";
        String deep = "{\"name\":\"" + marker + "\",\"extra\":" + "[".repeat(65) + "]".repeat(65) + "}";

        HttpResponse<String> response = postJson("/api/v1/systems", deep);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("nesting depth", "lethe.api.json.max-nesting-depth: 64")
                .doesNotContain(marker);
    }

    @Test
    void aNumberLongerThanTheLimitIsRefusedWith400NamingIt() throws Exception {
        String digits = "9".repeat(101);

        HttpResponse<String> response = postJson("/api/v1/systems", "{\"extra\":" + digits + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("number length", "100").doesNotContain(digits);
    }

    @Test
    void everyPagedApiRefusesAPageLargerThanItsMaximumNamingIt() throws Exception {
        Map<String, String> maxima = Map.of(
                "/api/v1/systems?limit=1001", "1000",
                "/api/v1/datasets?limit=1001", "1000",
                "/api/v1/fields?limit=1001", "1000",
                "/api/v1/requests?limit=1001", "1000",
                "/api/v1/streams?limit=1001", "1000",
                "/api/v1/connections?limit=1001", "1000",
                "/api/v1/retention/runs?limit=1001", "1000",
                "/api/v1/audit?limit=501", "500",
                "/api/v1/catalog/search?q=x&limit=101", "100");

        maxima.forEach((path, max) -> {
            HttpResponse<String> response = getAsAdmin(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).contains(max);
        });
        assertThat(getAsAdmin("/api/v1/systems?limit=1000").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> getAsAdmin(String path) {
        try {
            return get(path, ADMIN_KEY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> postJson(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body)));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
