package dev.lethe.app.requests;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.connectors.ShopDatabase;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.Eventually;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.workflows.receipt.ReceiptVerifier;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Data-subject requests carried end to end by the running application: filed through the API, run by
 * Temporal workflows on the embedded server, through real connected systems — a PostgreSQL shop and a
 * system a person handles by a manual task — with four-eyes approval, an erasure rule that keeps
 * invoices, a signed receipt, and an access package with the subject's records and the Art. 15(1)
 * facts.
 */
class RequestsEndToEndIT extends AppIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ShopDatabase shop;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    Tenant tenant;
    CatalogHttp engineer;
    CatalogHttp officer;
    CatalogHttp secondOfficer;
    CatalogHttp auditor;
    String officerKey;
    Map<String, String> datasets;

    @BeforeAll
    static void seedShop() throws SQLException {
        shop = ShopDatabase.create();
    }

    @BeforeEach
    void tenantWithConnectedShop() {
        tenant = tenants.create(UniqueNames.of("dsr"), "Requests end to end");
        engineer = new CatalogHttp(port, key(Role.ENGINEER));
        officerKey = key(Role.PRIVACY_OFFICER);
        officer = new CatalogHttp(port, officerKey);
        secondOfficer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        auditor = new CatalogHttp(port, key(Role.AUDITOR));
        String shopPath = "/api/v1/connections/"
                + created(engineer.post(
                                "/api/v1/connections",
                                shop.registration(UniqueNames.of("shop"), UniqueNames.of("shop-db"))))
                        .get("id")
                        .asString();
        JsonNode discovered = CatalogHttp.body(engineer.post(shopPath + "/discover", Map.of()));
        datasets = new HashMap<>();
        discovered
                .get("datasets")
                .forEach(d -> datasets.put(d.get("name").asString(), d.get("id").asString()));
        for (String dataset : datasets.values()) {
            String path = "/api/v1/datasets/" + dataset;
            HttpResponse<String> reviewed = engineer.post(
                    path + "/fields/review", CatalogHttp.etag(engineer.get(path)), Map.of("decision", "CONFIRM"));
            assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
        }
    }

    @Test
    void anErasureNeedsASecondOfficerRunsInEverySystemAndEndsWithASignedReceipt() throws Exception {
        created(officer.post(
                "/api/v1/erasure-rules",
                Map.of(
                        "datasetId", datasets.get("public.invoices"),
                        "strategy", "RETAIN",
                        "reason", "HGB 257: invoices are kept ten years",
                        "retainPeriod", "P10Y")));
        created(officer.post("/api/v1/erasure-rules", Map.of("dataCategory", "contact.email", "strategy", "MASK")));
        created(engineer.post(
                "/api/v1/connections",
                Map.of(
                        "name", UniqueNames.of("crm"),
                        "type", "manual",
                        "system", UniqueNames.of("legacy-crm"),
                        "config", Map.of("instructions", "Delete the customer in the legacy CRM."))));
        assertThat(shop.count("select count(*) from customers where id = 7")).isEqualTo(1);

        String id = created(officer.post(
                        "/api/v1/requests",
                        Map.of(
                                "type", "ERASURE",
                                "identities", Map.of("email", "customer7@example.org"),
                                "regulation", "GDPR")))
                .get("id")
                .asString();
        String path = "/api/v1/requests/" + id;

        JsonNode awaiting = await(path, request -> status(request).equals("AWAITING_APPROVAL"));
        JsonNode shopSystem = system(awaiting, "postgresql");
        assertThat(shopSystem.get("state").asString()).isEqualTo("PENDING");
        assertThat(shopSystem.get("found").asLong()).isPositive();
        assertThat(shopSystem.get("plan").toString())
                .as("the approver sees what will happen")
                .contains("public.customers", "DELETE_ROW", "HGB 257");
        assertThat(awaiting.toString()).doesNotContain("customer7@example.org");

        HttpResponse<String> byCreator = officer.post(path + "/approve", Map.of("reason", "checked"));
        assertThat(byCreator.statusCode()).as(byCreator.body()).isEqualTo(409);
        HttpResponse<String> approved = secondOfficer.post(path + "/approve", Map.of("reason", "identity checked"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        JsonNode waiting = await(
                path,
                request -> system(request, "manual").get("state").asString().equals("WAITING"));
        assertThat(status(waiting)).isEqualTo("IN_PROGRESS");
        JsonNode task = Eventually.require(
                "the manual task",
                () -> CatalogHttp.body(officer.get("/api/v1/manual-tasks?status=open")),
                tasks -> tasks.size() == 1,
                PATIENCE);
        String taskId = task.get(0).get("id").asString();
        HttpResponse<String> otherRequests = officer.post(
                "/api/v1/requests/" + UUID.randomUUID() + "/tasks/" + taskId + "/complete", Map.of("note", "x"));
        assertThat(otherRequests.statusCode()).as("another request's task").isEqualTo(404);
        HttpResponse<String> done =
                officer.post(path + "/tasks/" + taskId + "/complete", Map.of("note", "Deleted in the CRM"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);

        JsonNode closed = await(path, request -> status(request).startsWith("COMPLETED"));
        assertThat(status(closed)).as("the invoice is kept").isEqualTo("COMPLETED_WITH_EXCEPTIONS");
        // The invoice is kept, and so is the customer row it refers to, its e-mail address masked by the
        // category rule; everything else of customer 7 is gone.
        assertThat(shop.count("select count(*) from customers where id = 7 and email = '[erased]'"))
                .isEqualTo(1);
        assertThat(shop.count("select count(*) from orders where customer_id = 7"))
                .isZero();
        assertThat(shop.count("select count(*) from addresses where customer_id = 7"))
                .isZero();
        assertThat(shop.count("select count(*) from invoices where customer_id = 7"))
                .isEqualTo(1);
        assertThat(shop.count("select count(*) from customers where id = 8")).isEqualTo(1);

        HttpResponse<String> receiptResponse = auditor.get(path + "/receipt");
        assertThat(receiptResponse.statusCode()).as(receiptResponse.body()).isEqualTo(200);
        JsonNode receipt = CatalogHttp.body(receiptResponse);
        assertThat(receipt.toString()).contains("public.customers", "HGB 257").doesNotContain("customer7@example.org");
        HttpResponse<String> key = auditor.get(path + "/receipt/public-key");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
        var verification = ReceiptVerifier.verify(
                receiptResponse.body(), ReceiptVerifier.publicKey(key.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(verification.valid()).as(verification.toString()).isTrue();

        var audit = owner().selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenant.id()))
                .fetch();
        assertThat(audit.map(entry -> entry.getAction())).contains("request.receipt.issued");
        assertThat(audit.map(entry -> entry.getDetails().data() + entry.getTarget())
                        .toString())
                .doesNotContain("customer7@example.org");
    }

    @Test
    void anAccessRequestPackagesTheSubjectsRecordsWithTheFactsOfTheirProcessing() throws Exception {
        String id = created(officer.post(
                        "/api/v1/requests",
                        Map.of(
                                "type", "ACCESS",
                                "identities", Map.of("email", " Customer9@Example.org"),
                                "regulation", "GDPR")))
                .get("id")
                .asString();
        String path = "/api/v1/requests/" + id;
        await(path, request -> status(request).equals("AWAITING_APPROVAL"));
        HttpResponse<String> approved = officer.post(path + "/approve", Map.of("reason", "identity checked"));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        await(path, request -> status(request).startsWith("COMPLETED"));

        HttpResponse<byte[]> zip = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "/package"))
                        .header("Authorization", "Bearer " + officerKey)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        Map<String, String> entries = unzip(zip.body());
        assertThat(entries.keySet()).anyMatch(name -> name.endsWith("public.customers.json"));
        assertThat(entries.keySet()).anyMatch(name -> name.endsWith("public.customers.csv"));
        String customers = entries.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("public.customers.json"))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertThat(customers).contains("customer9@example.org").doesNotContain("customer8@example.org");
        assertThat(entries.get("report.html")).contains("customer9@example.org");
        assertThat(entries).containsKey("facts.json");
    }

    private JsonNode await(String path, Predicate<JsonNode> done) {
        return Eventually.require("the request at " + path, () -> CatalogHttp.body(officer.get(path)), done, PATIENCE);
    }

    private static String status(JsonNode request) {
        return request.get("status").asString();
    }

    private static JsonNode system(JsonNode request, String connectorType) {
        for (JsonNode system : request.get("systems")) {
            if (system.get("connectorType").asString().equals(connectorType)) {
                return system;
            }
        }
        throw new AssertionError("no " + connectorType + " system in " + request.get("systems"));
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return CatalogHttp.body(response);
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    private String key(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }
}
