package dev.lethe.connectors.spi;

import dev.lethe.connectors.guard.OutboundGuard;
import java.util.Objects;

/** What Lethe gives every connection it opens: the guard every outbound connection goes through. */
public record ConnectorRuntime(OutboundGuard guard) {

    public ConnectorRuntime {
        Objects.requireNonNull(guard, "guard");
    }
}
