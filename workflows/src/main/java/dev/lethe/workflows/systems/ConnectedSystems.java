package dev.lethe.workflows.systems;

import dev.lethe.connectors.spi.Connector;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The tenant's registered connections, and a way to work with one: opened with its settings (secrets
 * opened in memory only) for the length of one call and closed after. Implemented by the application,
 * which keeps the connections. Thread-safe.
 */
public interface ConnectedSystems {

    /** Every connection of the tenant, by name. */
    List<ConnectedSystem> list(UUID tenantId);

    Optional<ConnectedSystem> find(UUID tenantId, UUID connectionId);

    /**
     * Opens the connection, hands the connector to {@code work} and closes it after.
     *
     * @throws dev.lethe.catalog.change.NotFoundException if the connection is gone
     */
    <T> T withConnector(UUID tenantId, UUID connectionId, Function<Connector, T> work);
}
