package dev.lethe.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A browser context (cookies of its own) that collects every Content-Security-Policy violation
 * Chromium reports on its pages; {@link #close()} fails the test if there was one. Pages are served
 * under a strict policy, so a violation is a page that would break for users.
 */
public final class WatchedContext implements AutoCloseable {

    private final BrowserContext context;
    private final List<String> cspViolations = new CopyOnWriteArrayList<>();

    WatchedContext(BrowserContext context) {
        this.context = context;
        context.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                cspViolations.add(message.text());
            }
        });
    }

    public Page newPage() {
        return context.newPage();
    }

    public BrowserContext context() {
        return context;
    }

    /** Closes the context, then fails if any of its pages violated the Content-Security-Policy. */
    @Override
    public void close() {
        context.close();
        assertThat(cspViolations).as("Content-Security-Policy violations").isEmpty();
    }
}
