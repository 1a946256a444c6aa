package dev.lethe.app.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.app.web.People;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestBrowser;
import dev.lethe.infra.testing.UniqueNames;
import dev.lethe.infra.testing.WatchedContext;
import dev.lethe.workflows.request.RequestStatus;
import dev.lethe.workflows.request.RequestType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A privacy officer's morning in a real browser: the dashboard (its SVG chart under the strict
 * Content-Security-Policy), then the overdue requests from it, then the queue filtered by type with
 * htmx swapping the results and the address following. Screenshots {@code dashboard} and
 * {@code request-queue}.
 */
class DashboardBrowserIT extends AppIntegrationTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Autowired
    Tenants tenants;

    private WatchedContext browser;
    private Page page;

    @BeforeAll
    static void chromium() {
        TestBrowser.assumeAvailable();
    }

    @BeforeEach
    void browser() {
        browser = TestBrowser.watchedContext();
        page = browser.newPage();
    }

    @AfterEach
    void closeContext() {
        browser.close();
    }

    @Test
    void anOfficerGoesFromTheDashboardToTheFilteredQueue() {
        Tenant tenant = tenants.create(UniqueNames.of("dash-browser"), "Dashboard browser test");
        Instant now = Instant.now();
        RequestScene scene = new RequestScene(owner(), tenant.id());
        UUID overdue = scene.open(
                RequestType.ERASURE,
                RequestStatus.AWAITING_APPROVAL,
                now.minus(DAY.multipliedBy(33)),
                now.minus(DAY.multipliedBy(2)));
        scene.open(
                RequestType.ACCESS,
                RequestStatus.IN_PROGRESS,
                now.minus(DAY.multipliedBy(26)),
                now.plus(DAY.multipliedBy(4)));
        scene.open(
                RequestType.EXPORT,
                RequestStatus.RECEIVED,
                now.minus(DAY.multipliedBy(3)),
                now.plus(DAY.multipliedBy(27)));
        UUID access =
                scene.open(RequestType.ACCESS, RequestStatus.RECEIVED, now.minus(DAY), now.plus(DAY.multipliedBy(29)));
        for (int week = 1; week <= 11; week++) {
            Instant received = now.minus(DAY.multipliedBy(7L * week + 2));
            scene.closed(
                    RequestType.ACCESS,
                    RequestStatus.COMPLETED,
                    received,
                    received.plus(DAY.multipliedBy(week % 4 + 1)));
            if (week % 3 == 0) {
                scene.closed(
                        RequestType.ERASURE, RequestStatus.COMPLETED, received, received.plus(DAY.multipliedBy(9)));
            }
        }
        var officer = people().create(tenant, "Olga Officer", Role.PRIVACY_OFFICER);
        String base = "http://localhost:" + port;
        People.signIn(page, port, officer);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard"))
                .click();
        assertThat(page).hasURL(base + "/dashboard");
        assertThat(page.locator("#open-count")).hasText("4");
        assertThat(page.locator("#overdue-count")).hasText("1");
        assertThat(page.locator("svg.weekly-chart rect.bar.received")).hasCount(12 + 1);
        assertThat(page.getByRole(
                        AriaRole.IMG,
                        new Page.GetByRoleOptions().setName("Requests received and closed per week, last 12 weeks")))
                .isVisible();
        TestBrowser.screenshot(page, "dashboard");

        page.locator("a.card-link", new Page.LocatorOptions().setHasText("Overdue"))
                .click();
        assertThat(page).hasURL(base + "/requests?due=overdue");
        assertThat(page.locator("#queue-rows tr")).hasCount(1);
        assertThat(page.locator("#queue-rows tr.overdue")).hasAttribute("data-id", overdue.toString());

        // The whole queue, then only access requests: htmx swaps the results and pushes the address.
        page.navigate(base + "/requests");
        assertThat(page.locator("#queue-rows tr")).hasCount(4);
        TestBrowser.screenshot(page, "request-queue");
        page.getByLabel("Type").selectOption("ACCESS");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/requests\\?type=ACCESS.*"));
        assertThat(page.locator("#queue-rows tr")).hasCount(2);
        assertThat(page.locator("#queue-rows tr").last()).hasAttribute("data-id", access.toString());
        assertThat(page.locator("header")).hasCount(1);
        page.getByLabel("Reference").fill(access.toString().substring(0, 6));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter"))
                .click();
        assertThat(page.locator("#queue-rows tr")).hasCount(1);
    }
}
