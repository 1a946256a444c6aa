package dev.lethe.app.connectors;

import dev.lethe.ui.connectors.UnverifiedConnections;
import dev.lethe.ui.connectors.UnverifiedConnections.Unverified;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Profiles;

/**
 * With the {@code prod} profile, once the application is up: one {@code NOT SECURE:} line per stored connection
 * that does not use verified TLS, naming its id, type, tenant and setting, never a host, name or secret. The
 * counterpart of the start-up's warnings for Lethe's own services ({@code TlsSetup}); these connections live in
 * the database, so they are read once it is reachable. Connections registered before V32 kept their old mode.
 */
public final class UnverifiedConnectionWarnings {

    private static final Logger log = LoggerFactory.getLogger(UnverifiedConnectionWarnings.class);

    private final UnverifiedConnections connections;

    UnverifiedConnectionWarnings(UnverifiedConnections connections) {
        this.connections = connections;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp(ApplicationReadyEvent event) {
        if (event.getApplicationContext().getEnvironment().acceptsProfiles(Profiles.of("prod"))) {
            warn();
        }
    }

    /** Logs and answers the warnings, as the {@code prod} start-up does. */
    public List<String> warn() {
        List<String> warnings =
                connections.find().stream().map(Unverified::warning).toList();
        warnings.forEach(warning -> log.warn("NOT SECURE: {}", warning));
        return warnings;
    }
}
