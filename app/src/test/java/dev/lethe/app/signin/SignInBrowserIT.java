package dev.lethe.app.signin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.lethe.catalog.jooq.Tables.APP_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.account.NewAccount;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestBrowser;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.infra.testing.WatchedContext;
import dev.lethe.ui.signin.PasswordHashing;
import dev.lethe.ui.signin.Totp;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sign-in journeys in a real browser (Debian's Chromium through Playwright) against the whole
 * application: enrol a second factor from its QR page, sign in with password and TOTP, a wrong code
 * refused and counted, a form posted without its CSRF token refused — with the strict
 * Content-Security-Policy in force (the test fails on any violation it reports). Screenshots of each
 * page go to {@code target/screenshots/}.
 */
class SignInBrowserIT extends AppIntegrationTest {

    private static final String PASSWORD = SignInIT.PASSWORD;

    @Autowired
    Tenants tenants;

    @Autowired
    Accounts accounts;

    @Autowired
    PasswordHashing hashing;

    private Tenant tenant;
    private WatchedContext browser;
    private Page page;

    @BeforeAll
    static void chromium() {
        TestBrowser.assumeAvailable();
    }

    @BeforeEach
    void browserAndTenant() {
        tenant = tenants.create(UniqueNames.of("browser"), "Browser test");
        browser = TestBrowser.watchedContext();
        page = browser.newPage();
    }

    @AfterEach
    void closeContext() {
        browser.close();
    }

    private Account person(String email) {
        return as(
                tenant.id(),
                () -> accounts.create(new NewAccount(
                        tenant.id(),
                        email,
                        "Olga Officer",
                        Set.of(Role.PRIVACY_OFFICER),
                        AccountStatus.ACTIVE,
                        hashing.hash(PASSWORD),
                        null)));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void enterPassword(String email) {
        page.navigate(url("/sign-in?tenant=" + tenant.slug()));
        page.getByLabel("E-mail address").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue"))
                .click();
    }

    /** Enrols through the QR page (reading the key people would type) and returns the secret. */
    private byte[] enrol(String email, boolean screenshots) {
        enterPassword(email);
        assertThat(page).hasURL(url("/sign-in/enrol"));
        assertThat(page.locator("img.qr")).isVisible();
        // Visible is not loaded: wait until the browser has decoded the image (or given up on it).
        page.waitForFunction("() => document.querySelector('img.qr').complete");
        Object qrWidth = page.locator("img.qr").evaluate("img => img.naturalWidth");
        assertThat(((Number) qrWidth).intValue()).as("the QR code image loaded").isGreaterThan(0);
        if (screenshots) {
            TestBrowser.screenshot(page, "signin-enrol");
        }
        byte[] secret = Totp.secretOfManualKey(page.locator("#manual-key").textContent());
        page.getByLabel("Enter the 6-digit code the app shows").fill(Totp.code(secret, Totp.step(Instant.now())));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();
        assertThat(page.locator("h1")).hasText("Your recovery codes");
        assertThat(page.locator("#recovery-codes li")).hasCount(10);
        if (screenshots) {
            TestBrowser.screenshot(page, "signin-recovery-codes");
        }
        page.getByText("Continue to Lethe").click();
        return secret;
    }

    @Test
    void signsInWithPasswordAndTotp() {
        person("olga@example.org");
        page.navigate(url("/sign-in?tenant=" + tenant.slug()));
        TestBrowser.screenshot(page, "signin-password");
        byte[] secret = enrol("olga@example.org", true);

        assertThat(page).hasURL(url("/"));
        assertThat(page.locator("header")).containsText("Olga Officer");
        // The account panel is swapped in by htmx, under the strict policy.
        assertThat(page.locator("#recovery-codes-left")).hasText("10");
        TestBrowser.screenshot(page, "home");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .first()
                .click();
        assertThat(page.locator(".notice")).hasText("You have signed out.");

        enterPassword("olga@example.org");
        assertThat(page).hasURL(url("/sign-in/second-factor"));
        TestBrowser.screenshot(page, "signin-second-factor");
        page.getByLabel("The 6-digit code from your authenticator app, or a recovery code")
                .fill(Totp.code(secret, Totp.step(Instant.now()) + 1));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();

        assertThat(page).hasURL(url("/"));
        assertThat(page.locator("h1")).containsText("Welcome");
    }

    @Test
    void aWrongTotpCodeIsRefusedAndCounted() {
        Account olga = person("wrong@example.org");
        byte[] secret = enrol("wrong@example.org", false);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .first()
                .click();

        enterPassword("wrong@example.org");
        page.getByLabel("The 6-digit code from your authenticator app, or a recovery code")
                .fill(Totp.code(secret, Totp.step(Instant.now()) + 7));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();

        assertThat(page.getByRole(AriaRole.ALERT))
                .hasText(
                        "That code is not right. Enter the current code from your authenticator app, or a recovery code.");
        TestBrowser.screenshot(page, "signin-wrong-code");
        assertThat(failedAttempts(olga.id())).isEqualTo(1);
        page.navigate(url("/"));
        assertThat(page).hasURL(url("/sign-in"));
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        person("csrf@example.org");
        page.navigate(url("/sign-in?tenant=" + tenant.slug()));
        page.getByLabel("E-mail address").fill("csrf@example.org");
        page.getByLabel("Password").fill(PASSWORD);
        // What a forged cross-site form lacks: the page's token.
        page.locator("input[name=_csrf]").evaluate("input => input.remove()");

        Response response = page.waitForResponse(
                candidate -> candidate.url().endsWith("/sign-in")
                        && candidate.request().method().equals("POST"),
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue"))
                        .click());

        assertThat(response.status()).isEqualTo(403);
        page.navigate(url("/"));
        assertThat(page).hasURL(url("/sign-in"));
    }

    private int failedAttempts(UUID userId) {
        return owner().select(APP_USER.FAILED_ATTEMPTS)
                .from(APP_USER)
                .where(APP_USER.ID.eq(userId))
                .fetchSingle()
                .value1();
    }
}
