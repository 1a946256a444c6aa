package dev.lethe.app.requests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.connectors.ShopDatabase;
import dev.lethe.app.web.People;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestBrowser;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.infra.testing.WatchedContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A privacy officer's requests in a real browser (Debian's Chromium through Playwright) against the
 * whole application and a connected PostgreSQL shop: an erasure entered in the form by one officer,
 * refused to her own approval, approved by a second, followed live (no reload) through a manual task
 * to its signed receipt, while an auditor reads it without the decisions; an access request approved and
 * its package downloaded from the page. The strict Content-Security-Policy holds throughout (any
 * violation fails the test). Screenshots go to {@code target/screenshots/}.
 */
class RequestJourneyBrowserIT extends AppIntegrationTest {

    private static final double PATIENCE_MS = RequestsHttp.PATIENCE.toMillis();
    private static ShopDatabase shop;

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    private Tenant tenant;
    private People people;
    private Map<String, String> datasets;
    private final List<WatchedContext> contexts = new ArrayList<>();

    @BeforeAll
    static void chromiumAndShop() throws SQLException {
        TestBrowser.assumeAvailable();
        shop = ShopDatabase.create();
    }

    @BeforeEach
    void tenantWithConnectedShop() {
        tenant = tenants.create(UniqueNames.of("journey"), "Request journeys");
        people = people();
        CatalogHttp engineer = new CatalogHttp(port, key(Role.ENGINEER));
        datasets = RequestsHttp.connectAndConfirm(
                engineer, shop.registration(UniqueNames.of("shop"), UniqueNames.of("shop-db")));
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(WatchedContext::close);
    }

    @Test
    void anErasureEnteredByOneOfficerApprovedByAnotherIsFollowedLiveToItsReceipt() {
        CatalogHttp officerApi = new CatalogHttp(port, key(Role.PRIVACY_OFFICER));
        // As in RequestsEndToEndIT: invoices are kept (so is the customer row they refer to, its e-mail masked).
        RequestsHttp.created(officerApi.post(
                "/api/v1/erasure-rules",
                Map.of(
                        "datasetId", datasets.get("public.invoices"),
                        "strategy", "RETAIN",
                        "reason", "HGB 257: invoices are kept ten years",
                        "retainPeriod", "P10Y")));
        RequestsHttp.created(
                officerApi.post("/api/v1/erasure-rules", Map.of("dataCategory", "contact.email", "strategy", "MASK")));
        RequestsHttp.created(new CatalogHttp(port, key(Role.ENGINEER))
                .post(
                        "/api/v1/connections",
                        Map.of(
                                "name", UniqueNames.of("crm"),
                                "type", "manual",
                                "system", UniqueNames.of("legacy-crm"),
                                "config", Map.of("instructions", "Delete the customer in the legacy CRM."))));
        Page olga = signedIn(people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER));

        olga.navigate(url("/requests/new"));
        olga.getByLabel("What the subject asks for").selectOption("ERASURE");
        olga.getByLabel("E-mail address").fill("customer7@example.org");
        TestBrowser.screenshot(olga, "request-new");
        olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enter the request"))
                .click();
        assertThat(olga.locator("#notice")).containsText("The request was entered.");
        String path = olga.url().replaceFirst("^https?://[^/]+", "").replaceFirst("\\?.*$", "");
        assertThat(olga.locator("#status")).hasText("awaiting approval", patience());
        assertThat(olga.locator("main")).containsText("c***@e***.org");
        assertThat(olga.content()).doesNotContain("customer7@example.org");

        olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve"))
                .click();
        assertThat(olga.getByRole(AriaRole.ALERT))
                .containsText("Four-eyes: an erasure must be approved by someone other than who filed it");

        Page audrey = signedIn(people.create(tenant, "Audrey Auditor", Role.AUDITOR));
        audrey.navigate(url(path));
        assertThat(audrey.locator("#status")).hasText("awaiting approval");
        assertThat(audrey.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")))
                .hasCount(0);
        JsonNode csrf = CatalogHttp.JSON.readTree(audrey.locator("body").getAttribute("hx-headers"));
        var forbidden = audrey.request()
                .post(
                        url(path + "/approve"),
                        RequestOptions.create()
                                .setHeader(
                                        "X-CSRF-TOKEN", csrf.get("X-CSRF-TOKEN").asString())
                                .setForm(FormData.create().set("reason", "looks fine")));
        assertThat(forbidden.status()).as("an auditor posting an approval").isEqualTo(403);

        Page ben = signedIn(people.create(tenant, "Ben Second", Role.PRIVACY_OFFICER));
        ben.navigate(url(path));
        assertThat(ben.locator("#systems")).containsText("postgresql");
        TestBrowser.screenshot(ben, "request-page");
        ben.getByLabel("Why you approve (optional)").fill("Identity checked on the phone");
        ben.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve"))
                .click();
        assertThat(ben.locator("#notice")).hasText("The request is approved.");
        // From here on the page is never loaded again: what changes, changes live.
        ben.locator("body").evaluate("body => body.dataset.journey = 'not reloaded'");

        var manual = ben.locator("#systems tr", new Page.LocatorOptions().setHasText("manual"));
        assertThat(manual.locator(".system-state")).hasText("waiting", patience());
        assertThat(ben.locator("#tasks")).containsText("Delete the customer in the legacy CRM.", within());
        TestBrowser.screenshot(ben, "request-progress");
        ben.getByLabel("What you did").fill("Deleted in the CRM");
        ben.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm done"))
                .click();

        assertThat(ben.locator("#status")).hasText(Pattern.compile("^completed"), patience());
        assertThat(ben.locator("#receipt")).containsText("public.customers");
        assertThat(ben.locator("#receipt")).containsText("verified");
        assertThat(ben.locator("body")).hasAttribute("data-journey", "not reloaded");
        assertThat(ben.locator("#progress")).not().hasAttribute("hx-trigger", Pattern.compile(".*"));
        TestBrowser.screenshot(ben, "request-receipt");
    }

    @Test
    void anAccessPackageIsDownloadedFromTheRequestsPage() throws Exception {
        Page olga = signedIn(people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER));
        olga.navigate(url("/requests/new"));
        olga.getByLabel("What the subject asks for").selectOption("ACCESS");
        olga.getByLabel("E-mail address").fill("customer9@example.org");
        olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enter the request"))
                .click();
        assertThat(olga.locator("#status")).hasText("awaiting approval", patience());
        olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve"))
                .click();
        assertThat(olga.locator("#status")).hasText(Pattern.compile("^completed"), patience());

        Download download =
                olga.waitForDownload(() -> olga.locator("#download-package").click());
        assertThat(download.suggestedFilename()).endsWith(".zip");
        Path file = download.path();
        byte[] zip = Files.readAllBytes(file);
        assertThat(zip.length).isGreaterThan(100);
        assertThat(new String(zip, 0, 2, StandardCharsets.ISO_8859_1))
                .as("a ZIP")
                .isEqualTo("PK");
    }

    private Page signedIn(People.Person person) {
        WatchedContext context = TestBrowser.watchedContext();
        contexts.add(context);
        Page page = context.newPage();
        People.signIn(page, port, person);
        return page;
    }

    private static LocatorAssertions.HasTextOptions patience() {
        return new LocatorAssertions.HasTextOptions().setTimeout(PATIENCE_MS);
    }

    private static LocatorAssertions.ContainsTextOptions within() {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(PATIENCE_MS);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private String key(Role role) {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(tenant.id(), role + "-" + UUID.randomUUID(), secret, Set.of(role), Scope.all()));
        return secret;
    }
}
