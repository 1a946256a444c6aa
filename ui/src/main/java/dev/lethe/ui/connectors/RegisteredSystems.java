package dev.lethe.ui.connectors;

import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorException;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.connectors.spi.ConnectorType;
import dev.lethe.workflows.systems.ConnectedSystem;
import dev.lethe.workflows.systems.ConnectedSystems;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The registered connections, for requests and retention: each opened for one call with its settings
 * and closed after. A connection that waits for approval is not among them: requests and retention
 * skip it, and a call to it by id is refused, so no identity goes to a system a second person has not
 * approved.
 */
public final class RegisteredSystems implements ConnectedSystems {

    private final Connections connections;
    private final ConnectorTypes types;
    private final ConnectorRuntime runtime;

    public RegisteredSystems(Connections connections, ConnectorTypes types, ConnectorRuntime runtime) {
        this.connections = connections;
        this.types = types;
        this.runtime = runtime;
    }

    @Override
    public List<ConnectedSystem> list(UUID tenantId) {
        return connections.all(tenantId).stream()
                .filter(connections::usable)
                .map(this::system)
                .toList();
    }

    @Override
    public Optional<ConnectedSystem> find(UUID tenantId, UUID connectionId) {
        return connections
                .stored(tenantId, connectionId)
                .filter(connections::usable)
                .map(this::system);
    }

    @Override
    public <T> T withConnector(UUID tenantId, UUID connectionId, Function<Connector, T> work) {
        StoredConnection connection = connections
                .stored(tenantId, connectionId)
                .orElseThrow(() -> new NotFoundException("connection " + connectionId));
        if (!connections.usable(connection)) {
            throw ConnectorException.fatal(
                    "Connection " + connectionId + " waits for approval and is not used until it has it", null);
        }
        return withConnector(connection, work);
    }

    /** Opens the stored connection with its settings (secrets opened in memory only) for one call. */
    <T> T withConnector(StoredConnection connection, Function<Connector, T> work) {
        ConnectorType type = types.require(connection.type());
        try (Connector connector = type.open(type.configure(connections.settings(connection)), runtime)) {
            return work.apply(connector);
        }
    }

    private ConnectedSystem system(StoredConnection connection) {
        return new ConnectedSystem(
                connection.id(),
                connection.systemId(),
                connection.name(),
                connection.system(),
                connection.type(),
                types.require(connection.type()).capabilities());
    }
}
