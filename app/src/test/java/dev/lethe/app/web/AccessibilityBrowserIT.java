package dev.lethe.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.TestBrowser;
import dev.lethe.infra.testing.UniqueNames;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page a person opens from the navigation, checked in the browser by axe-core against WCAG 2.1
 * A and AA (names and labels for screen readers, contrast, landmarks, headings, ARIA use), and
 * starting with the skip link in the tab order. The pages are those of the page
 * authorization matrix that need no id, opened by an ADMIN, plus the sign-in page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserIT extends AppIntegrationTest {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @Autowired
    Tenants tenants;

    private BrowserContext context;
    private Page page;
    private Tenant tenant;

    @BeforeAll
    void signedInAdmin() {
        TestBrowser.assumeAvailable();
        tenant = tenants.create(UniqueNames.of("a11y"), "Accessibility test");
        context = TestBrowser.browser().newContext();
        page = context.newPage();
    }

    @AfterAll
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void everyPageMeetsWcagAndStartsWithASkipLink() {
        List<String> problems = new ArrayList<>();
        page.navigate(url("/sign-in?tenant=" + tenant.slug()));
        problems.addAll(check("/sign-in"));

        var admin = people().create(tenant, "Ada Admin", Role.ADMIN);
        People.signIn(page, port, admin);
        for (String path : pages()) {
            page.navigate(url(path));
            page.waitForLoadState();
            problems.addAll(check(path));
        }

        assertThat(problems).as("accessibility problems").isEmpty();
    }

    private List<String> check(String path) {
        List<String> problems = new ArrayList<>();
        for (Rule violation : new AxeBuilder(page).withTags(WCAG).analyze().getViolations()) {
            problems.add(path + ": " + violation.getId() + " (" + violation.getImpact() + ") " + violation.getHelp()
                    + " at "
                    + violation.getNodes().stream()
                            .map(node -> String.valueOf(node.getTarget()))
                            .limit(3)
                            .toList());
        }
        // The first element in the tab order, wherever the page put the focus (sign-in focuses its field).
        Object first = page.evaluate("() => { const e = document.querySelector('a[href], button, "
                + "input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex=\"-1\"])');"
                + " return e ? e.className : ''; }");
        if (!"skip-link".equals(first)) {
            problems.add(path + ": the skip link is not first in the tab order (first: " + first + ")");
        }
        return problems;
    }

    /** Home, and every page of the matrix that an ADMIN opens without an id (not downloads: {@code x.csv}). */
    private static List<String> pages() {
        Stream<String> matrix = PageMatrix.rows().stream()
                .filter(row -> row.method().equals("GET")
                        && !row.path().contains("{id}")
                        && !row.path().substring(row.path().lastIndexOf('/')).contains(".")
                        && row.allowed().contains(Role.ADMIN))
                .map(PageMatrix.Row::path);
        return Stream.concat(Stream.of("/"), matrix).distinct().toList();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
