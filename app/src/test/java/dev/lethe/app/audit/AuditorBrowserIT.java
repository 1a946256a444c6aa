package dev.lethe.app.audit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.catalog.CatalogHttp;
import dev.lethe.app.web.People;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.retention.HoldDraft;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.catalog.retention.RetentionDraft;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestBrowser;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.infra.testing.WatchedContext;
import java.net.http.HttpResponse;
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
 * An auditor's journey in a real browser under the strict Content-Security-Policy: the audit log, "Verify
 * the chain" (an htmx post) and its result, then the record of processing and the retention page, where
 * nothing offers them a change. Screenshots: {@code audit-log}, {@code audit-verify},
 * {@code record-of-processing}, {@code retention}.
 */
class AuditorBrowserIT extends AppIntegrationTest {

    @Autowired
    Tenants tenants;

    @Autowired
    RetentionPolicies policies;

    @Autowired
    LegalHolds holds;

    @Autowired
    ApiKeys apiKeys;

    private Tenant tenant;
    private People.Person auditor;
    private WatchedContext browser;
    private Page page;

    @BeforeAll
    static void chromium() {
        TestBrowser.assumeAvailable();
    }

    @BeforeEach
    void anAuditorOfATenantWithAPolicyAndAHold() {
        tenant = tenants.create(UniqueNames.of("auditor"), "Auditor browser test");
        People people = people();
        auditor = people.create(tenant, "Aldo Auditor", Role.AUDITOR);
        Editor officer = new Editor(tenant.id(), Actor.system("auditor-browser-it"));
        catalogOfAShop();
        as(tenant.id(), () -> {
            policies.create(
                    officer,
                    new RetentionDraft(
                            "Contact data after two years",
                            null,
                            "contact",
                            "P2Y",
                            "EVENT",
                            "customer.closed",
                            "ANONYMIZE",
                            null,
                            true,
                            null));
            holds.place(officer, new HoldDraft(null, null, "contact", null, "Case 2026-401: tax audit", null));
        });
        browser = TestBrowser.watchedContext();
        page = browser.newPage();
    }

    @AfterEach
    void closeContext() {
        browser.close();
    }

    /** A system with a dataset, an activity on it and a transfer outside the EEA: a record worth reading. */
    private void catalogOfAShop() {
        String secret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        as(
                tenant.id(),
                () -> apiKeys.ensure(
                        tenant.id(),
                        "officer-" + UUID.randomUUID(),
                        secret,
                        Set.of(Role.PRIVACY_OFFICER),
                        Scope.all()));
        CatalogHttp officer = new CatalogHttp(port, secret);
        String shop = id(officer.post(
                "/api/v1/systems",
                Map.of(
                        "name", "shop-db",
                        "ownerTeam", "checkout",
                        "contact", "checkout-team@example.com",
                        "environment", "PRODUCTION",
                        "hostingRegion", "eu-central-1")));
        id(officer.post(
                "/api/v1/datasets",
                Map.of("systemId", shop, "name", "orders", "kind", "TABLE", "location", "public.orders")));
        Map<String, Object> activity = new HashMap<>();
        activity.put("name", "Order fulfilment");
        activity.put("description", "Taking, packing and shipping orders");
        activity.put("purpose", "service_delivery");
        activity.put("subjectCategories", List.of("customer"));
        activity.put("dataCategories", List.of("contact.email", "contact.address"));
        activity.put("recipients", List.of("Parcel carrier"));
        activity.put("systemIds", List.of(shop));
        String activityId = id(officer.post("/api/v1/processing-activities", activity));
        Map<String, Object> flow = new HashMap<>();
        flow.put("name", "Support desk export");
        flow.put("activityId", activityId);
        flow.put("fromSystemId", shop);
        flow.put("externalRecipient", "HelpdeskCo Inc.");
        flow.put("dataCategories", List.of("contact.email"));
        flow.put("outsideEea", true);
        flow.put("destinationCountry", "US");
        flow.put("safeguard", "STANDARD_CONTRACTUAL_CLAUSES");
        id(officer.post("/api/v1/data-flows", flow));
    }

    private static String id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return CatalogHttp.body(created).get("id").asString();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void anAuditorVerifiesTheChainAndReadsTheRecordAndRetentionWithoutEditing() {
        People.signIn(page, port, auditor);

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByText("Audit log")
                .click();
        assertThat(page).hasURL(url("/audit"));
        assertThat(page.locator("h1")).hasText("Audit log");
        assertThat(page.locator("#audit-entries tbody tr").first()).isVisible();
        TestBrowser.screenshot(page, "audit-log");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify the chain"))
                .click();
        assertThat(page.locator("#verification")).containsText("Verified");
        assertThat(page.locator("#verification")).containsText("The chain is intact");
        TestBrowser.screenshot(page, "audit-verify");

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByText("Record of processing")
                .click();
        assertThat(page).hasURL(url("/record-of-processing"));
        assertThat(page.locator("h1")).hasText("Record of processing activities");
        assertThat(page.locator(".ropa-activity h2")).hasText("Order fulfilment");
        assertThat(page.locator(".ropa-activity")).containsText("HelpdeskCo Inc.");
        assertThat(page.getByText("Download CSV")).isVisible();
        TestBrowser.screenshot(page, "record-of-processing");

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByText("Retention")
                .click();
        assertThat(page).hasURL(url("/retention"));
        assertThat(page.locator("#policies")).containsText("Contact data after two years");
        assertThat(page.locator("#hold-list")).containsText("Case 2026-401: tax audit");
        assertThat(page.getByText("New policy")).hasCount(0);
        assertThat(page.getByText("Run now")).hasCount(0);
        assertThat(page.getByText("Place a legal hold")).hasCount(0);
        assertThat(page.locator("a", new Page.LocatorOptions().setHasText("Edit")))
                .hasCount(0);
        assertThat(page.locator("a", new Page.LocatorOptions().setHasText("Release")))
                .hasCount(0);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview Contact data after two years"))
                .click();
        assertThat(page.locator("#preview")).containsText("Nothing was changed");
        TestBrowser.screenshot(page, "retention");

        assertThat(page.navigate(url("/retention/policies/new")).status()).isEqualTo(403);
    }
}
