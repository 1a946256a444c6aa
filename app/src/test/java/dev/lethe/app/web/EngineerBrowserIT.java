package dev.lethe.app.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.lethe.catalog.jooq.Tables.DATASET;
import static dev.lethe.catalog.jooq.Tables.DATA_FIELD;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.connectors.ShopDatabase;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestBrowser;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.infra.testing.WatchedContext;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An engineer's journey in a real browser under the strict Content-Security-Policy: register the
 * PostgreSQL shop from the generated form, test it, discover it, and confirm the discovered fields of
 * a dataset in bulk; then the data map's flow picture and a stream paused from its row. Screenshots
 * of each page go to {@code target/screenshots/}.
 */
class EngineerBrowserIT extends AppIntegrationTest {

    private static ShopDatabase shop;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private Tenant tenant;
    private People.Person engineer;
    private WatchedContext browser;
    private Page page;

    @BeforeAll
    static void chromiumAndShop() throws SQLException {
        TestBrowser.assumeAvailable();
        shop = ShopDatabase.create();
    }

    @BeforeEach
    void browserAndEngineer() {
        tenant = tenants.create(UniqueNames.of("eng-browser"), "Engineer browser test");
        engineer = people().create(tenant, "Erin Engineer", Role.ENGINEER);
        browser = TestBrowser.watchedContext();
        page = browser.newPage();
    }

    @AfterEach
    void closeContext() {
        browser.close();
    }

    @Test
    void anEngineerRegistersTestsDiscoversAndConfirmsInBulk() {
        People.signIn(page, port, engineer);
        page.navigate(url("/connections"));
        assertThat(page.locator("#no-connections")).isVisible();

        page.getByLabel("Type of system").selectOption("postgresql");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register a connection"))
                .click();
        assertThat(page.locator("h1")).containsText("Register a postgresql connection");
        String name = UniqueNames.of("shop");
        page.locator("#connection-name").fill(name);
        page.locator("#connection-system").fill("shop");
        page.locator("#setting-host").fill(shop.services().postgresHost());
        page.locator("#setting-port").fill(Integer.toString(shop.services().postgresPort()));
        page.locator("#setting-database").fill(shop.name());
        page.locator("#setting-user").fill(shop.user());
        page.locator("#setting-password").fill(shop.password());
        page.getByLabel("SSL mode").selectOption("disable");
        TestBrowser.screenshot(page, "connection-new");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                .click();

        assertThat(page.locator(".notice")).containsText("registered");
        assertThat(page.locator("#settings")).containsText(shop.user());
        assertThat(page.locator("body")).not().containsText(shop.password());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test the connection"))
                .click();
        assertThat(page.locator("#test-outcome")).hasText("Every check passed: Lethe can reach and use the system.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Discover datasets"))
                .click();
        assertThat(page.locator("#discovery-outcome")).containsText("datasets");
        page.navigate(url("/connections"));
        assertThat(page.locator("#connections")).containsText("reachable");
        TestBrowser.screenshot(page, "connections");

        page.navigate(url("/data-map"));
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("public.customers").setExact(true))
                .click();
        assertThat(page.locator("h1")).hasText("public.customers");
        Locator ticks = page.locator("input[name=field]");
        int discovered = ticks.count();
        assertThat(discovered).isGreaterThan(1);
        for (int i = 0; i < discovered; i++) {
            ticks.nth(i).check();
        }
        TestBrowser.screenshot(page, "dataset-review");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm ticked fields"))
                .click();

        assertThat(page.locator("#notice")).hasText(discovered + " fields confirmed.");
        assertThat(page.locator("input[name=field]")).hasCount(0);
        UUID dataset = owner().select(DATASET.ID)
                .from(DATASET)
                .where(DATASET.TENANT_ID.eq(tenant.id()))
                .and(DATASET.NAME.eq("public.customers"))
                .fetchSingle(DATASET.ID);
        assertThat(owner().fetchCount(
                                DATA_FIELD, DATA_FIELD.DATASET_ID.eq(dataset).and(DATA_FIELD.STATUS.eq("DISCOVERED"))))
                .isZero();

        // An identity type for the phone column, from the same page.
        page.getByLabel("Identity type of phone", new Page.GetByLabelOptions().setExact(true))
                .fill("phone");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions()
                                .setName("Set the identity type of phone")
                                .setExact(true))
                .click();
        assertThat(page.locator("#notice")).hasText("phone holds the identity phone.");
    }

    @Test
    void theDataMapPictureAndAStreamPausedFromItsRow() {
        CatalogHttp api = new CatalogHttp(port, key());
        String shopSystem = id(api.post("/api/v1/systems", Map.of("name", "shop", "ownerTeam", "Checkout")));
        String billing = id(api.post("/api/v1/systems", Map.of("name", "billing", "ownerTeam", "Finance")));
        String crm = id(api.post("/api/v1/systems", Map.of("name", "crm", "ownerTeam", "Sales")));
        flow(api, "orders to billing", shopSystem, billing, null, List.of("contact.email"));
        flow(api, "customers to crm", shopSystem, crm, null, List.of("contact.email", "contact.phone"));
        flow(api, "invoices to the carrier", billing, null, "Parcel Carrier Ltd", List.of("contact.email"));
        String name = UniqueNames.of("orders");
        Map<String, Object> stream = new HashMap<>();
        stream.put("name", name);
        stream.put("sourceTopic", name + ".raw");
        stream.put("targetTopic", name + ".clean");
        stream.put("system", "shop");
        stream.put("dataset", "orders");
        stream.put("subjectPath", "$.customer.id");
        stream.put("policy", Map.of("contact.email", "DETERMINISTIC", "*", "REDACT"));
        HttpResponse<String> created = api.post("/api/v1/streams?createTopics=true", stream);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        People.signIn(page, port, engineer);
        page.navigate(url("/data-map"));
        assertThat(page.locator("#flow-picture rect")).hasCount(4);
        assertThat(page.locator("#flow-picture line")).hasCount(3);
        assertThat(page.locator("#flows")).containsText("Parcel Carrier Ltd (external)");
        TestBrowser.screenshot(page, "data-map");

        page.navigate(url("/streams"));
        Locator row = page.locator("tr[data-stream='" + name + "']");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Pause " + name))
                .click();
        assertThat(row.locator("td.desired")).hasText("paused");
        assertThat(row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Resume " + name)))
                .isVisible();
        TestBrowser.screenshot(page, "streams");
    }

    private void flow(CatalogHttp api, String name, String from, String to, String external, List<String> categories) {
        Map<String, Object> flow = new HashMap<>();
        flow.put("name", name);
        flow.put("fromSystemId", from);
        flow.put("toSystemId", to);
        flow.put("externalRecipient", external);
        flow.put("dataCategories", categories);
        HttpResponse<String> created = api.post("/api/v1/data-flows", flow);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return CatalogHttp.body(created).get("id").asString();
    }

    private String key() {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), "ENGINEER-" + UUID.randomUUID(), secret, Set.of(Role.ENGINEER)));
        return secret;
    }
}
