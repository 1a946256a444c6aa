package dev.lethe.app.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.lethe.app.SsoIntegrationTest;
import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestBrowser;
import dev.lethe.infra.testing.TestKeycloak;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Single sign-on in a real browser (Chromium through Playwright) through a real provider
 * (Keycloak): the sign-in page's button, the provider's form, and back into Lethe signed in; a
 * person without a Lethe role is sent back to the sign-in page, which says why. Screenshots go to
 * {@code target/screenshots/}.
 */
class OidcSignInBrowserIT extends SsoIntegrationTest {

    @Autowired
    Tenants tenants;

    @Autowired
    Accounts accounts;

    private UUID tenant;
    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void chromium() {
        TestBrowser.assumeAvailable();
    }

    @BeforeEach
    void browser() {
        tenant = ssoTenant(tenants);
        context = TestBrowser.browser().newContext();
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        context.close();
    }

    @Test
    void anAdminSignsInThroughTheProviderAndLandsSignedIn() {
        throughTheProvider("admin@example.com");

        assertThat(page).hasURL("http://localhost:" + port + "/");
        assertThat(page.getByText("Signed in as")).isVisible();
        TestBrowser.screenshot(page, "sso-signed-in");
        Account admin = as(tenant, () -> accounts.findByEmail(tenant, "admin@example.com"))
                .orElseThrow();
        assertThat(admin.roles()).containsExactly(Role.ADMIN);
        // Signed in: the pages that need a session open instead of sending back to the sign-in page.
        page.navigate("http://localhost:" + port + "/");
        assertThat(page).hasURL("http://localhost:" + port + "/");
    }

    @Test
    void aPersonWithoutALetheRoleIsToldWhyOnTheSignInPage() {
        throughTheProvider("nobody@example.com");

        assertThat(page).hasURL("http://localhost:" + port + "/sign-in?sso-failed");
        assertThat(page.locator("#sso-error")).isVisible();
        TestBrowser.screenshot(page, "sso-refused");
    }

    private void throughTheProvider(String email) {
        page.navigate("http://localhost:" + port + "/sign-in");
        TestBrowser.screenshot(page, "sso-sign-in-page");
        page.locator("#sso").click();
        // The provider's page (Playwright's patterns are JavaScript's: no \\Q quoting, so a predicate).
        page.waitForURL(url -> url.startsWith(keycloak().issuer(TestKeycloak.REALM) + "/"));
        page.locator("#username").fill(email);
        page.locator("#password").fill(TestKeycloak.PASSWORD);
        page.locator("#kc-login").click();
        page.waitForURL(url -> url.startsWith("http://localhost:" + port + "/"));
    }
}
