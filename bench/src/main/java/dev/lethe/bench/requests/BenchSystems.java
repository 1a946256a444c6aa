package dev.lethe.bench.requests;

import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.connectors.postgres.PostgresConnectorType;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.workflows.systems.ConnectedSystem;
import dev.lethe.workflows.systems.ConnectedSystems;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The five shop databases as the tenant's connections: fixed, in memory, each opened through
 * {@link PostgresConnectorType} for one call and closed after, as the application's registered
 * connections are.
 */
final class BenchSystems implements ConnectedSystems {

    /** One connection: the system as requests see it, and its settings. */
    record Registered(ConnectedSystem system, Map<String, String> settings) {}

    private static final PostgresConnectorType TYPE = new PostgresConnectorType();

    private final UUID tenantId;
    private final List<Registered> registered;
    private final ConnectorRuntime runtime;

    BenchSystems(UUID tenantId, List<Registered> registered, ConnectorRuntime runtime) {
        this.tenantId = tenantId;
        this.registered = List.copyOf(registered);
        this.runtime = runtime;
    }

    static ConnectedSystem system(UUID systemId, String name) {
        return new ConnectedSystem(UUID.randomUUID(), systemId, name, name, TYPE.name(), TYPE.capabilities());
    }

    @Override
    public List<ConnectedSystem> list(UUID tenant) {
        return tenant.equals(tenantId)
                ? registered.stream().map(Registered::system).toList()
                : List.of();
    }

    @Override
    public Optional<ConnectedSystem> find(UUID tenant, UUID connectionId) {
        return find(connectionId).filter(found -> tenant.equals(tenantId)).map(Registered::system);
    }

    @Override
    public <T> T withConnector(UUID tenant, UUID connectionId, Function<Connector, T> work) {
        Registered connection = find(connectionId)
                .filter(found -> tenant.equals(tenantId))
                .orElseThrow(() -> new NotFoundException("connection " + connectionId));
        try (Connector connector = TYPE.open(TYPE.configure(connection.settings()), runtime)) {
            return work.apply(connector);
        }
    }

    private Optional<Registered> find(UUID connectionId) {
        return registered.stream()
                .filter(candidate -> candidate.system().connectionId().equals(connectionId))
                .findFirst();
    }
}
