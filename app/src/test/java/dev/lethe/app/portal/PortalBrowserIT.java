package dev.lethe.app.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
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
 * The portal's whole journey in a real browser (Debian's Chromium through Playwright), in English and
 * in German: choose a request, file it, read the code from the SMTP server the mail went to, enter it,
 * see the status, download an access package after a fresh code — under the strict Content-Security-Policy (the test fails on any violation it
 * reports). Screenshots of each page go to {@code target/screenshots/}.
 */
class PortalBrowserIT extends PortalTestBase {

    @Autowired
    Tenants tenants;

    private Tenant tenant;
    private WatchedContext browser;

    @BeforeAll
    static void chromium() {
        TestBrowser.assumeAvailable();
    }

    @BeforeEach
    void tenant() {
        tenant = tenants.create(UniqueNames.of("privacy"), "Example Shop");
    }

    @AfterEach
    void closeContext() {
        if (browser != null) {
            browser.close();
        }
    }

    private Page browserIn(String locale) {
        browser = TestBrowser.watchedContext(new Browser.NewContextOptions().setLocale(locale));
        return browser.newPage();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void aPersonFilesVerifiesAndFollowsAnErasureInEnglish() {
        Page page = browserIn("en-GB");
        String email = UniqueNames.of("ann") + "@example.org";
        page.navigate(url("/privacy/" + tenant.slug()));
        assertThat(page.locator("h1")).hasText("Your privacy rights at Example Shop");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Delete your data"))
                .click();

        assertThat(page.locator("h1")).hasText("Delete your data");
        page.getByLabel("E-mail address").fill(email);
        TestBrowser.screenshot(page, "portal-form");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request"))
                .click();

        assertThat(page.locator("h1")).hasText("Enter your code");
        TestBrowser.screenshot(page, "portal-verify");
        page.getByLabel("6-digit code").fill(awaitCode(email, 1));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();

        assertThat(page.locator("h1")).hasText("Your request");
        assertThat(page.locator("#status-type")).hasText("Delete your data");
        assertThat(page.locator("#status-due")).not().isEmpty();
        assertThat(page.locator("main")).not().containsText(email);
        TestBrowser.screenshot(page, "portal-status");
    }

    @Test
    void aPersonFilesVerifiesAndFollowsARectificationInGerman() {
        Page page = browserIn("de-DE");
        String email = UniqueNames.of("anna") + "@example.org";
        page.navigate(url("/privacy/" + tenant.slug()));
        assertThat(page.locator("html")).hasAttribute("lang", "de");
        assertThat(page.locator("h1")).hasText("Ihre Datenschutzrechte bei Example Shop");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ihre Daten berichtigen"))
                .click();

        page.getByLabel("E-Mail-Adresse").fill(email);
        page.getByLabel("Was berichtigt werden soll").selectOption("contact.address");
        page.getByLabel("Der richtige Wert").fill("Musterstraße 5, Berlin");
        TestBrowser.screenshot(page, "portal-form-de");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Anfrage senden"))
                .click();

        assertThat(page.locator("h1")).hasText("Code eingeben");
        page.getByLabel("6-stelliger Code").fill("000000".equals(awaitCode(email, 1)) ? "111111" : "000000");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Bestätigen"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Dieser Code stimmt nicht");
        TestBrowser.screenshot(page, "portal-verify-de");
        page.getByLabel("6-stelliger Code").fill(awaitCode(email, 1));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Bestätigen"))
                .click();

        assertThat(page.locator("h1")).hasText("Ihre Anfrage");
        assertThat(page.locator("#status-type")).hasText("Ihre Daten berichtigen");
        assertThat(page.locator("main")).not().containsText("Musterstraße");
        TestBrowser.screenshot(page, "portal-status-de");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Français"))
                .click();
        assertThat(page.locator("h1")).hasText("Votre demande");
        assertThat(page.locator("html")).hasAttribute("lang", "fr");
    }

    @Test
    void aPersonDownloadsTheirDataAfterConfirmingTheirAddressAgain() throws Exception {
        Page page = browserIn("en-GB");
        String email = UniqueNames.of("dan") + "@example.org";
        page.navigate(url("/privacy/" + tenant.slug() + "/new/access"));
        page.getByLabel("E-mail address").fill(email);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request"))
                .click();
        page.getByLabel("6-digit code").fill(awaitCode(email, 1));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();
        assertThat(page.locator("h1")).hasText("Your request");
        String token = page.url().substring(page.url().lastIndexOf('/') + 1);
        completeWithPackage(tenant, requestOf(token), "ACCESS", "browser-note");

        page.reload();
        assertThat(page.locator("#status-state")).hasText("Done");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download your data"))
                .click();
        assertThat(page.locator("h1")).hasText("Download your data");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a code"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("We sent you a code");
        page.getByLabel("6-digit code").fill(awaitCode(email, 3));
        TestBrowser.screenshot(page, "portal-download");
        Download download = page.waitForDownload(
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download"))
                        .click());

        assertThat(download.suggestedFilename()).isEqualTo("your-data.zip");
        byte[] zip = java.nio.file.Files.readAllBytes(download.path());
        assertThat(zip.length).isGreaterThan(0);
        assertThat(new String(zip, 0, 2, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("PK");
        assertThat(page.locator("main")).not().containsText(email);
    }
}
