package dev.lethe.app.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.app.web.People.Person;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestBrowser;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.infra.testing.WatchedContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admin pages in a real browser under the strict Content-Security-Policy (any violation fails the
 * test): an ADMIN makes an API key and sees its secret once, then revokes it after confirming. Screenshots
 * {@code admin-users} and {@code admin-api-keys} go to {@code target/screenshots/}.
 */
class AdminBrowserIT extends AppIntegrationTest {

    @Autowired
    Tenants tenants;

    private Person admin;
    private WatchedContext browser;
    private Page page;

    @BeforeAll
    static void chromium() {
        TestBrowser.assumeAvailable();
    }

    @BeforeEach
    void adminInTheBrowser() {
        Tenant tenant = tenants.create(UniqueNames.of("admin-browser"), "Admin browser test");
        People people = people();
        admin = people.create(tenant, "Alma Admin", Role.ADMIN);
        people.create(tenant, "Olga Officer", Role.PRIVACY_OFFICER);
        browser = TestBrowser.watchedContext();
        page = browser.newPage();
    }

    @AfterEach
    void closeContext() {
        browser.close();
    }

    @Test
    void anAdminMakesAKeyAndSeesItOnce() {
        People.signIn(page, port, admin);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users"))
                .click();
        assertThat(page.locator("h1")).hasText("Users");
        assertThat(page.locator("table.data")).containsText("Olga Officer");
        TestBrowser.screenshot(page, "admin-users");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API keys"))
                .click();
        assertThat(page.locator("h1")).hasText("API keys");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("nightly export");
        page.getByRole(
                        AriaRole.CHECKBOX,
                        new Page.GetByRoleOptions().setName("ADMIN").setExact(true))
                .check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make the key"))
                .click();

        assertThat(page.locator("#created-heading")).containsText("nightly export");
        String secret = page.locator("#new-key").inputValue();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(page.locator("table.data")).containsText(secret.substring(0, 8));
        TestBrowser.screenshot(page, "admin-api-keys");

        page.navigate("http://localhost:" + port + "/admin/api-keys");
        assertThat(page.locator("#new-key")).hasCount(0);
        assertThat(page.locator("body")).not().containsText(secret);

        page.onceDialog(Dialog::accept);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke nightly export"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("revoked");
        assertThat(page.locator("table.data")).not().containsText("nightly export");
    }
}
