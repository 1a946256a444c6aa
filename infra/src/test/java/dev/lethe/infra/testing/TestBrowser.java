package dev.lethe.infra.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * One headless Chromium per test JVM, driven by Playwright: Debian's {@code /usr/bin/chromium}
 * ({@code .ci/run} installs it), never a browser Playwright would download. Creating Playwright
 * unpacks its driver (~130 MB), so it happens once; each test opens its own context (cookies
 * apart). Chromium writes under {@code $HOME}: here a scratch directory. Screenshots go to
 * {@code target/screenshots/} of the module under test.
 */
public final class TestBrowser {

    public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private static Playwright playwright;
    private static Browser browser;

    private TestBrowser() {}

    /** Why browser tests cannot run here, if they cannot: no Chromium. */
    public static Optional<String> unavailableReason() {
        return Files.isExecutable(CHROMIUM)
                ? Optional.empty()
                : Optional.of("no Chromium at " + CHROMIUM + " (apt-get install chromium)");
    }

    /** Skips the calling tests, saying why, where no Chromium is installed. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(
                unavailableReason().isEmpty(), () -> unavailableReason().orElseThrow());
    }

    /** A new context of the shared browser that fails its test on any Content-Security-Policy violation. */
    public static WatchedContext watchedContext() {
        return new WatchedContext(browser().newContext());
    }

    /** As {@link #watchedContext()}, with options (a locale, say). */
    public static WatchedContext watchedContext(Browser.NewContextOptions options) {
        return new WatchedContext(browser().newContext(options));
    }

    /** The shared browser, started on first use and closed when the JVM ends. */
    public static synchronized Browser browser() {
        if (browser == null) {
            Path home = scratchHome();
            Map<String, String> env = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "HOME", home.toString());
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
            browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(CHROMIUM)
                            .setHeadless(true)
                            .setEnv(env));
            Runtime.getRuntime().addShutdownHook(new Thread(TestBrowser::close, "test-browser-close"));
        }
        return browser;
    }

    /** Saves a full-page screenshot as {@code target/screenshots/<name>.png} and returns its path. */
    public static Path screenshot(Page page, String name) {
        Path file = Paths.get("target", "screenshots", name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    private static synchronized void close() {
        if (browser != null) {
            browser.close();
            playwright.close();
            browser = null;
        }
    }

    private static Path scratchHome() {
        try {
            return Files.createTempDirectory("lethe-browser-home-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
