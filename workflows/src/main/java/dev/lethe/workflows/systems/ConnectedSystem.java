package dev.lethe.workflows.systems;

import dev.lethe.connectors.spi.Capability;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One registered connection as a request sees it: which catalog system it reaches and what its
 * connector can do.
 *
 * @param name the connection's name
 * @param systemName the catalog system's name
 */
public record ConnectedSystem(
        UUID connectionId,
        UUID systemId,
        String name,
        String systemName,
        String connectorType,
        Set<Capability> capabilities) {

    public ConnectedSystem {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(systemId, "systemId");
        capabilities = Set.copyOf(capabilities);
    }

    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }
}
