package dev.lethe.workflows.crash;

import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.postgres.PostgresConnectorType;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.workflows.systems.ConnectedSystem;
import dev.lethe.workflows.systems.ConnectedSystems;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The connected systems of the crash test: a fixed list of shop databases, each opened with the real
 * PostgreSQL connector for one call (as the application's registered connections are), for the one
 * tenant of the test.
 */
final class ShopSystems implements ConnectedSystems {

    private final CrashSettings settings;
    private final PostgresConnectorType type = new PostgresConnectorType();
    private final ConnectorRuntime runtime;

    ShopSystems(CrashSettings settings) {
        this.settings = settings;
        this.runtime = new ConnectorRuntime(
                OutboundGuard.fromSetting(settings.postgresHost() + ":" + settings.postgresPort()),
                PiiClassifier.create());
    }

    @Override
    public List<ConnectedSystem> list(UUID tenantId) {
        return settings.shops().stream()
                .sorted(Comparator.comparing(CrashSettings.Shop::name))
                .map(this::system)
                .toList();
    }

    @Override
    public Optional<ConnectedSystem> find(UUID tenantId, UUID connectionId) {
        return settings.shops().stream()
                .filter(shop -> shop.connectionId().equals(connectionId))
                .findFirst()
                .map(this::system);
    }

    @Override
    public <T> T withConnector(UUID tenantId, UUID connectionId, Function<Connector, T> work) {
        CrashSettings.Shop shop = settings.shops().stream()
                .filter(candidate -> candidate.connectionId().equals(connectionId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("connection " + connectionId));
        Map<String, String> config = new HashMap<>();
        config.put("host", settings.postgresHost());
        config.put("port", Integer.toString(settings.postgresPort()));
        config.put("database", shop.database());
        config.put("user", settings.postgresUser());
        config.put("ssl-mode", "disable");
        if (settings.postgresPassword() != null && !settings.postgresPassword().isEmpty()) {
            config.put("password", settings.postgresPassword());
        }
        try (Connector connector = type.open(type.configure(config), runtime)) {
            return work.apply(connector);
        }
    }

    private ConnectedSystem system(CrashSettings.Shop shop) {
        return new ConnectedSystem(
                shop.connectionId(), shop.systemId(), shop.name(), shop.name(), type.name(), type.capabilities());
    }
}
