package dev.lethe.infra.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browser tests' CSP check itself: a page that breaks its policy fails the test that opened it. */
class WatchedContextTest {

    @BeforeAll
    static void chromium() {
        TestBrowser.assumeAvailable();
    }

    @Test
    void aContentSecurityPolicyViolationFailsTheClose() {
        WatchedContext browser = TestBrowser.watchedContext();
        Page page = browser.newPage();

        page.setContent("<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"style-src 'none'\">"
                + "</head><body><p style=\"color: red\">inline style</p></body></html>");

        assertThatThrownBy(browser::close)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Content-Security-Policy violations");
    }

    @Test
    void aPageWithinItsPolicyClosesQuietly() {
        WatchedContext browser = TestBrowser.watchedContext();
        browser.newPage().setContent("<html><body><p>fine</p></body></html>");

        browser.close();
    }
}
