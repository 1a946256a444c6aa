package dev.lethe.app.requests;

import static dev.lethe.app.requests.RequestsHttp.await;
import static dev.lethe.app.requests.RequestsHttp.connectAndConfirm;
import static dev.lethe.app.requests.RequestsHttp.connectionId;
import static dev.lethe.app.requests.RequestsHttp.created;
import static dev.lethe.app.requests.RequestsHttp.ok;
import static dev.lethe.app.requests.RequestsHttp.state;
import static dev.lethe.app.requests.RequestsHttp.status;
import static dev.lethe.app.requests.RequestsHttp.system;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.connectors.ShopDatabase;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What a privacy officer does with running requests, on the real workflow and a real PostgreSQL shop:
 * a rectification corrects the subject's e-mail address; a system that refuses (its login was
 * locked) fails and is retried once fixed, or skipped with a reason; a deadline is extended once; a
 * duplicate follows the open request it is linked to and closes with it.
 */
class RequestOperationsIT extends AppIntegrationTest {

    private static ShopDatabase shop;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    Tenant tenant;
    CatalogHttp engineer;
    CatalogHttp officer;
    CatalogHttp secondOfficer;

    @BeforeAll
    static void seedShop() throws SQLException {
        shop = ShopDatabase.create();
    }

    @BeforeEach
    void tenantWithConnectedShop() {
        tenant = tenants.create(UniqueNames.of("dsr-ops"), "Request operations");
        engineer = new CatalogHttp(port, key(Role.ENGINEER));
        officer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        secondOfficer = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        connectAndConfirm(engineer, shop.registration(UniqueNames.of("shop"), UniqueNames.of("shop-db")));
    }

    @Test
    void aRectificationCorrectsTheSubjectsEmailWhereverTheShopHoldsIt() throws Exception {
        String path = file(Map.of(
                "type",
                "RECTIFICATION",
                "identities",
                Map.of("email", "customer5@example.org"),
                "regulation",
                "GDPR",
                "corrections",
                Map.of("email", "ada.corrected@example.org")));
        await(officer, path, request -> status(request).equals("AWAITING_APPROVAL"));
        ok(officer.post(path + "/approve", Map.of("reason", "identity checked")));

        JsonNode closed = await(officer, path, request -> status(request).startsWith("COMPLETED"));

        assertThat(status(closed)).as(closed.toString()).isEqualTo("COMPLETED");
        assertThat(state(closed, "postgresql")).isEqualTo("DONE");
        assertThat(shop.count("select count(*) from customers where id = 5 and email = 'ada.corrected@example.org'"))
                .isEqualTo(1);
        assertThat(shop.count("select count(*) from customers where email = 'customer5@example.org'"))
                .isZero();
        assertThat(shop.count("select count(*) from customers where id = 6 and email = 'customer6@example.org'"))
                .as("nobody else is touched")
                .isEqualTo(1);
        assertThat(closed.toString()).doesNotContain("ada.corrected", "customer5@");
    }

    @Test
    void aSystemThatRefusesFailsAndIsRetriedOnceFixed() throws Exception {
        String path = file(erasure("customer11@example.org"));
        await(officer, path, request -> status(request).equals("AWAITING_APPROVAL"));
        breakLogin();
        try {
            ok(secondOfficer.post(path + "/approve", Map.of("reason", "identity checked")));
            JsonNode failed =
                    await(officer, path, request -> state(request, "postgresql").equals("FAILED"));
            assertThat(status(failed)).isEqualTo("IN_PROGRESS");
            assertThat(system(failed, "postgresql").get("detail").asString()).isNotBlank();
            assertThat(shop.count("select count(*) from customers where id = 11"))
                    .isEqualTo(1);
        } finally {
            fixLogin();
        }

        HttpResponse<String> retried = officer.post(
                path + "/systems/" + connectionId(CatalogHttp.body(officer.get(path)), "postgresql") + "/retry",
                Map.of());
        ok(retried);
        JsonNode closed = await(officer, path, request -> status(request).startsWith("COMPLETED"));

        assertThat(state(closed, "postgresql")).isEqualTo("DONE");
        assertThat(system(closed, "postgresql").get("attempts").asInt()).isPositive();
        assertThat(closed.get("timeline").toString()).contains("request.system_retried");
        assertThat(shop.count("select count(*) from customers where id = 11")).isZero();
        assertThat(shop.count("select count(*) from orders where customer_id = 11"))
                .isZero();
        assertThat(shop.count("select count(*) from customers where id = 12")).isEqualTo(1);
    }

    @Test
    void aSystemThatRefusesIsSkippedWithItsReasonAndTheRequestClosesWithExceptions() throws Exception {
        String path = file(Map.of(
                "type", "ACCESS", "identities", Map.of("email", "customer12@example.org"), "regulation", "GDPR"));
        await(officer, path, request -> status(request).equals("AWAITING_APPROVAL"));
        breakLogin();
        try {
            ok(officer.post(path + "/approve", Map.of("reason", "identity checked")));
            JsonNode failed =
                    await(officer, path, request -> state(request, "postgresql").equals("FAILED"));

            ok(officer.post(
                    path + "/systems/" + connectionId(failed, "postgresql") + "/skip",
                    Map.of("reason", "the shop is being migrated; answered from the backup")));
            JsonNode closed = await(officer, path, request -> status(request).startsWith("COMPLETED"));

            assertThat(status(closed)).isEqualTo("COMPLETED_WITH_EXCEPTIONS");
            assertThat(state(closed, "postgresql")).isEqualTo("SKIPPED");
            assertThat(system(closed, "postgresql").get("detail").asString())
                    .isEqualTo("the shop is being migrated; answered from the backup");
            assertThat(closed.get("timeline").toString()).contains("request.system_skipped");
        } finally {
            fixLogin();
        }
    }

    @Test
    void aDeadlineIsExtendedOnceWithItsReasonRecorded() {
        String path = file(Map.of(
                "type", "ACCESS", "identities", Map.of("email", "customer13@example.org"), "regulation", "GDPR"));
        String dueBefore = CatalogHttp.body(officer.get(path)).get("dueAt").asString();

        HttpResponse<String> extended = officer.post(path + "/extend", Map.of("reason", "fourteen systems to search"));

        ok(extended);
        JsonNode request = CatalogHttp.body(extended);
        assertThat(request.get("extended").asBoolean()).isTrue();
        assertThat(request.get("dueAt").asString()).isGreaterThan(dueBefore);
        assertThat(request.get("decisions").get("extensionReason").asString()).isEqualTo("fourteen systems to search");
        assertThat(request.get("timeline").toString()).contains("request.extended");
        HttpResponse<String> again = officer.post(path + "/extend", Map.of("reason", "more"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        // The workflow keeps running on the new date: the request is scoped as before.
        JsonNode scoped = await(officer, path, r -> status(r).equals("AWAITING_APPROVAL"));
        assertThat(scoped.get("dueAt").asString())
                .isEqualTo(request.get("dueAt").asString());
    }

    @Test
    void aDuplicateIsLinkedToTheOpenRequestAndClosesWithIt() throws Exception {
        String original = file(erasure("customer14@example.org"));
        HttpResponse<String> second = secondOfficer.post("/api/v1/requests", erasure("Customer14@Example.org "));
        JsonNode duplicate = created(second);
        assertThat(duplicate.get("linkedTo").asString()).isEqualTo(original.substring(original.lastIndexOf('/') + 1));
        String duplicatePath = "/api/v1/requests/" + duplicate.get("id").asString();

        await(officer, original, request -> status(request).equals("AWAITING_APPROVAL"));
        ok(secondOfficer.post(original + "/approve", Map.of("reason", "identity checked")));
        JsonNode closed = await(officer, original, request -> status(request).startsWith("COMPLETED"));
        JsonNode followed =
                await(officer, duplicatePath, request -> status(request).startsWith("COMPLETED"));

        assertThat(status(followed)).isEqualTo(status(closed));
        assertThat(followed.get("systems")).as("the duplicate ran nowhere").isEmpty();
        assertThat(shop.count("select count(*) from customers where id = 14")).isZero();
    }

    private String file(Map<String, Object> body) {
        return "/api/v1/requests/"
                + created(officer.post("/api/v1/requests", body)).get("id").asString();
    }

    private static Map<String, Object> erasure(String email) {
        return Map.of("type", "ERASURE", "identities", Map.of("email", email), "regulation", "GDPR");
    }

    /**
     * The shop's owner locks out the role Lethe logs in with and ends its open sessions. (A changed
     * password would do in production; the test PostgreSQL trusts local connections, so it checks none.)
     */
    private static void breakLogin() throws SQLException {
        shop.execute("alter role " + shop.user() + " nologin");
        shop.execute("select pg_terminate_backend(pid) from pg_stat_activity where usename = '" + shop.user() + "'");
    }

    private static void fixLogin() throws SQLException {
        shop.execute("alter role " + shop.user() + " login");
    }

    private String key(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }
}
