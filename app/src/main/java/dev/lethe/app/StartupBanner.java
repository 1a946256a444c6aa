package dev.lethe.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who ran {@code ./lethe up} where to go next. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    @EventListener(ApplicationReadyEvent.class)
    void announce(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        boolean https =
                event.getApplicationContext().getEnvironment().getProperty("server.ssl.enabled", Boolean.class, false);
        String base = (https ? "https" : "http") + "://localhost:"
                + web.getWebServer().getPort();
        log.info("""

                Lethe is up.
                  Sign in {}/sign-in
                  API     {}/api/v1   (Authorization: Bearer <api key>; OpenAPI at /v3/api-docs)
                  Health  {}/actuator/health
                Press Ctrl-C to stop Lethe and its local services.""", base, base, base);
    }
}
