package dev.lethe.app.requests;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static dev.lethe.catalog.jooq.Tables.PACKAGE_LINK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.packages.CatalogFacts;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.receipt.ErasureReceipt;
import dev.lethe.workflows.receipt.ReceiptVerifier;
import dev.lethe.workflows.receipt.Receipts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evidence endpoints on the running application: the package streamed to officers and through an
 * expiring link without a key (audited, 404/410 for unknown and expired links), and the signed receipt
 * fetched and verified with the public key the API hands out.
 */
class RequestEvidenceApiIT extends AppIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    RequestPackages packages;

    @Autowired
    CatalogFacts facts;

    @Autowired
    Receipts receipts;

    Tenant tenant;
    String officer;
    String auditor;
    String engineer;
    final UUID request = UUID.randomUUID();

    @BeforeEach
    void tenantWithKeys() {
        tenant = tenants.create(UniqueNames.of("evidence"), "Evidence API test");
        officer = key(Role.PRIVACY_OFFICER);
        auditor = key(Role.AUDITOR);
        engineer = key(Role.ENGINEER);
    }

    @Test
    void anOfficerDownloadsThePackageAndTheDownloadIsAudited() throws Exception {
        assemblePackage();

        HttpResponse<byte[]> response = send("GET", "/api/v1/requests/" + request + "/package", officer);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(response.headers().firstValue("X-Content-SHA256")).hasValue(sha256(response.body()));
        assertThat(unzip(response.body()).get("shop/customers.json")).contains("ada@example.com");
        assertThat(downloadsAudited()).isEqualTo(1);
        assertThat(send("GET", "/api/v1/requests/" + request + "/package", engineer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/v1/requests/" + request + "/package", auditor)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/v1/requests/" + UUID.randomUUID() + "/package", officer)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aLinkDownloadsWithoutAKeyUntilItExpires() throws Exception {
        assemblePackage();
        HttpResponse<byte[]> issued = send("POST", "/api/v1/requests/" + request + "/package/link", officer);
        assertThat(issued.statusCode()).isEqualTo(201);
        String url = JSON.readTree(issued.body()).get("url").asString();
        assertThat(send("POST", "/api/v1/requests/" + request + "/package/link", auditor)
                        .statusCode())
                .isEqualTo(403);

        HttpResponse<byte[]> download = send("GET", url, null);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(unzip(download.body())).containsKey("report.html");
        assertThat(downloadsAudited()).isEqualTo(1);
        HttpResponse<byte[]> unknown = send("GET", "/api/v1/packages/" + "A".repeat(43), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("\"title\":\"Unknown link\"");

        String token = url.substring(url.lastIndexOf('/') + 1);
        owner().update(PACKAGE_LINK)
                .set(PACKAGE_LINK.EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
                .set(PACKAGE_LINK.CREATED_AT, OffsetDateTime.now().minusHours(1))
                .where(PACKAGE_LINK.TENANT_ID.eq(tenant.id()))
                .execute();
        HttpResponse<byte[]> expired = send("GET", "/api/v1/packages/" + token, null);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(downloadsAudited()).isEqualTo(1);
    }

    @Test
    void anAuditorFetchesTheSignedReceiptAndItVerifiesWithThePublishedKey() throws Exception {
        var receipt = new ErasureReceipt(
                UUID.randomUUID(),
                request,
                tenant.id(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                "GDPR",
                Map.of("email", "a1b2c3"),
                List.of(new ErasureReceipt.SystemResult(
                        "shop",
                        List.of(new ErasureReceipt.DatasetResult("customers", 1, 1, 0, null, 0, null, 0L)),
                        List.of())));
        var signed = as(tenant.id(), () -> receipts.issue(receipt, Actor.system("requests")));

        HttpResponse<byte[]> document = send("GET", "/api/v1/requests/" + request + "/receipt", auditor);
        HttpResponse<byte[]> pem = send("GET", "/api/v1/requests/" + request + "/receipt/public-key", auditor);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(pem.statusCode()).isEqualTo(200);
        String body = new String(document.body(), StandardCharsets.UTF_8);
        var verification = ReceiptVerifier.verify(body, ReceiptVerifier.publicKey(pem.body()));
        assertThat(verification.valid()).as(verification.problem()).isTrue();
        assertThat(verification.sha256()).isEqualTo(signed.sha256());
        assertThat(as(tenant.id(), () -> receipts.chained(signed))).isTrue();
        JsonNode parsed = JSON.readTree(body);
        assertThat(parsed.get("receipt").get("subject").get("email").asString()).isEqualTo("a1b2c3");
        assertThat(send("GET", "/api/v1/requests/" + request + "/receipt", engineer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/v1/requests/" + UUID.randomUUID() + "/receipt", officer)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/v1/requests/not-a-uuid/receipt", officer).statusCode())
                .isEqualTo(400);
    }

    private void assemblePackage() {
        as(tenant.id(), () -> {
            packages.parts()
                    .write(
                            tenant.id(),
                            request,
                            "shop",
                            sink -> sink.accept("customers", Map.of("email", "ada@example.com", "name", "=Ada")));
            packages.assemble(
                    tenant.id(),
                    request,
                    "ACCESS",
                    List.of("shop"),
                    found -> facts.of(tenant.id(), found),
                    Duration.ofDays(1));
        });
    }

    private int downloadsAudited() {
        return owner().fetchCount(
                        AUDIT_ENTRY,
                        AUDIT_ENTRY.TENANT_ID.eq(tenant.id()).and(AUDIT_ENTRY.ACTION.eq("request.package.downloaded")));
    }

    private HttpResponse<byte[]> send(String method, String path, String key) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String key(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (var entries = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                files.put(entry.getName(), new String(entries.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
