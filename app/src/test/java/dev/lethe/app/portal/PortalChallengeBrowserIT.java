package dev.lethe.app.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestBrowser;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.infra.testing.WatchedContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The proof-of-work challenge in a real browser (Debian's Chromium through Playwright): after half of the
 * filings one address may make, the form carries a challenge that Lethe's own script solves under the
 * strict Content-Security-Policy (the test fails on any violation), and the form goes through. Screenshot
 * {@code portal-challenge} in {@code target/screenshots/}.
 */
class PortalChallengeBrowserIT extends PortalTestBase {

    @Autowired
    Tenants tenants;

    private WatchedContext browser;

    @BeforeAll
    static void chromium() {
        TestBrowser.assumeAvailable();
    }

    @AfterEach
    void closeContext() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theFirstPartyScriptSolvesTheChallengeAndTheFormGoesThrough() {
        // A tenant of its own: the per-address buckets are per tenant, so this browser starts afresh.
        Tenant tenant = tenants.create(UniqueNames.of("privacy-pow"), "Example Shop");
        browser = TestBrowser.watchedContext(new Browser.NewContextOptions().setLocale("en-GB"));
        Page page = browser.newPage();
        String form = "http://localhost:" + port + "/privacy/" + tenant.slug() + "/new/erasure";
        for (int i = 0; i < 2; i++) {
            page.navigate(form);
            assertThat(page.locator("input[name=challenge]")).hasCount(0);
            page.getByLabel("E-mail address").fill(UniqueNames.of("cleo") + "@example.org");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request"))
                    .click();
            assertThat(page.locator("h1")).hasText("Enter your code");
        }

        page.navigate(form);
        assertThat(page.locator("input[name=challenge]")).hasCount(1);
        page.getByLabel("E-mail address").fill(UniqueNames.of("cleo") + "@example.org");
        // About 260,000 hashes: well within a second on a desktop, more on a loaded CI machine.
        assertThat(page.locator("[data-challenge-status]"))
                .hasText("Done: you can send the form now.", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.locator("input[name=challengeSolution]")).not().hasValue("");
        TestBrowser.screenshot(page, "portal-challenge");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request"))
                .click();

        assertThat(page.locator("h1")).hasText("Enter your code");
    }
}
