package dev.lethe.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.app.web.People.Person;
import dev.lethe.app.web.WebClient;
import dev.lethe.catalog.apikey.ApiKey;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The "access to personal data" report over HTTP: a privacy officer's key reveals values for two
 * purposes, and the report (API, page and CSV) names the key, the count, the values and the purposes;
 * a bad range is a problem response.
 */
class PersonalDataAccessReportIT extends AppIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private Tenant tenant;
    private ApiKey officerKey;
    private String officer;
    private String auditor;

    @BeforeEach
    void officerRevealsValues() throws Exception {
        tenant = tenants.create(UniqueNames.of("access-report"), "Access report test");
        String engineer = secret();
        as(tenant.id(), () -> apiKeys.ensure(tenant.id(), "engineer", engineer, Set.of(Role.ENGINEER)));
        officer = secret();
        officerKey =
                as(tenant.id(), () -> apiKeys.ensure(tenant.id(), "officer", officer, Set.of(Role.PRIVACY_OFFICER)));
        auditor = secret();
        as(tenant.id(), () -> apiKeys.ensure(tenant.id(), "auditor", auditor, Set.of(Role.AUDITOR)));
        String token = JSON.readTree(post(
                                "/api/v1/vault/tokenize",
                                engineer,
                                Map.of(
                                        "subject", "cust-1",
                                        "category", "contact.email",
                                        "kind", "DETERMINISTIC",
                                        "value", "ana@example.com"))
                        .body())
                .get("token")
                .asString();
        for (String purpose : new String[] {"fraud-review", "fraud-review", "dsar-export"}) {
            var revealed = post("/api/v1/vault/detokenize", officer, Map.of("token", token, "purpose", purpose));
            assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(200);
        }
    }

    @Test
    void theReportNamesWhoRevealedHowManyValuesForWhichPurposes() throws Exception {
        HttpResponse<String> response = get("/api/v1/reports/personal-data-access", auditor);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode line = null;
        for (JsonNode candidate : JSON.readTree(response.body()).get("lines")) {
            if (candidate.get("action").asString().equals("vault.detokenize")) {
                line = candidate;
            }
        }
        assertThat(line).as(response.body()).isNotNull();
        assertThat(line.get("principalKind").asString()).isEqualTo("API_KEY");
        assertThat(line.get("principalId").asString()).isEqualTo(officerKey.id().toString());
        assertThat(line.get("times").asLong()).isEqualTo(3);
        assertThat(line.get("values").asLong()).isEqualTo(3);
        assertThat(line.get("purposes").toString()).isEqualTo("[\"dsar-export\",\"fraud-review\"]");
        assertThat(response.body()).doesNotContain("ana@example.com");
    }

    @Test
    void aRangeInThePastHasNoLinesAndABadRangeIsAProblem() throws Exception {
        Instant monthAgo = Instant.now().minus(30, ChronoUnit.DAYS);
        HttpResponse<String> past = get(
                "/api/v1/reports/personal-data-access?from=" + monthAgo.minus(1, ChronoUnit.DAYS) + "&to=" + monthAgo,
                auditor);
        HttpResponse<String> reversed =
                get("/api/v1/reports/personal-data-access?from=" + Instant.now() + "&to=" + monthAgo, auditor);
        HttpResponse<String> tooLong = get(
                "/api/v1/reports/personal-data-access?from=" + monthAgo.minus(400, ChronoUnit.DAYS) + "&to=" + monthAgo,
                auditor);
        HttpResponse<String> notAnInstant = get("/api/v1/reports/personal-data-access?from=yesterday", auditor);

        assertThat(JSON.readTree(past.body()).get("lines")).isEmpty();
        for (HttpResponse<String> bad : List.of(reversed, tooLong, notAnInstant)) {
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
            assertThat(bad.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(bad.body()).doesNotContain("Exception");
        }
    }

    @Test
    void anAuditorReadsTheReportPageAndDownloadsItAsCsv() {
        Person pia = people().create(tenant, "Pia Auditor", Role.AUDITOR);
        WebClient browser = People.signIn(port, pia);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        HttpResponse<String> page = browser.get("/audit/access-report?from=" + today + "&to=" + today);
        HttpResponse<String> csv = browser.get("/audit/access-report.csv?from=" + today + "&to=" + today);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("API_KEY:" + officerKey.id())
                .contains("detokenized values")
                .contains("dsar-export, fraud-review");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(value -> assertThat(value).contains("attachment"));
        assertThat(csv.body())
                .startsWith("principal_kind,principal_id,")
                .contains("API_KEY," + officerKey.id() + ",,vault.detokenize,detokenized values,3,3,"
                        + "dsar-export;fraud-review,");
        assertThat(browser.get("/audit/access-report?from=not-a-day").body()).contains("must be a date");
    }

    private HttpResponse<String> post(String path, String key, Object body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + key)
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String secret() {
        return "it-" + UUID.randomUUID() + UUID.randomUUID();
    }
}
