package dev.lethe.workflows.retention;

import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.classifier.PiiClassifier;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.postgres.PostgresConnectorType;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.TestServices;
import dev.lethe.workflows.systems.ConnectedSystem;
import dev.lethe.workflows.systems.ConnectedSystems;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A shop's database on the test PostgreSQL, reached through the real PostgreSQL connector as the tenant's
 * one connection (opened for each call, as the application's registered connections are). Table {@code
 * orders}: customer {@code i} ({@code useri@example.org}) ordered once, the first {@code expired} of them
 * a year ago, the others today.
 */
final class ShopDatabase implements ConnectedSystems {

    static final String ORDERS = "public.orders";

    private final String database;
    private final UUID connectionId = UUID.randomUUID();
    private final UUID systemId;
    private final PostgresConnectorType type = new PostgresConnectorType();
    private final ConnectorRuntime runtime;

    private ShopDatabase(String database, UUID systemId) {
        this.database = database;
        this.systemId = systemId;
        ServiceEndpoints services = TestServices.endpoints();
        this.runtime = new ConnectorRuntime(
                OutboundGuard.fromSetting(services.postgresHost() + ":" + services.postgresPort()),
                PiiClassifier.create());
    }

    static ShopDatabase create(UUID systemId, int orders, int expired) throws SQLException {
        ShopDatabase shop = new ShopDatabase(TestServices.createDatabase("retention_shop"), systemId);
        shop.execute("create table orders (id bigint primary key, email text not null, total integer,"
                + " created_at timestamptz not null);"
                + " create index orders_created_at on orders (created_at);"
                + " insert into orders select i, 'user' || i || '@example.org', i % 100,"
                + " case when i <= " + expired + " then now() - interval '1 year' else now() end"
                + " from generate_series(1, " + orders + ") i");
        return shop;
    }

    /** Customers {@code from..to} order again now (ids from 10,000 on). */
    void orderAgain(int from, int to) throws SQLException {
        execute("insert into orders select 10000 + i, 'user' || i || '@example.org', 1, now()"
                + " from generate_series(" + from + ", " + to + ") i");
    }

    long count(String where) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select count(*) from orders where " + where)) {
            result.next();
            return result.getLong(1);
        }
    }

    long expired() throws SQLException {
        return count("created_at < now() - interval '90 days'");
    }

    @Override
    public List<ConnectedSystem> list(UUID tenantId) {
        return List.of(system());
    }

    @Override
    public Optional<ConnectedSystem> find(UUID tenantId, UUID connectionId) {
        return this.connectionId.equals(connectionId) ? Optional.of(system()) : Optional.empty();
    }

    @Override
    public <T> T withConnector(UUID tenantId, UUID connectionId, Function<Connector, T> work) {
        if (!this.connectionId.equals(connectionId)) {
            throw new NotFoundException("connection " + connectionId);
        }
        ServiceEndpoints services = TestServices.endpoints();
        Map<String, String> config = new HashMap<>();
        config.put("host", services.postgresHost());
        config.put("port", Integer.toString(services.postgresPort()));
        config.put("database", database);
        config.put("user", services.postgresUser());
        config.put("ssl-mode", "disable");
        if (services.postgresPassword() != null && !services.postgresPassword().isEmpty()) {
            config.put("password", services.postgresPassword());
        }
        try (Connector connector = type.open(type.configure(config), runtime)) {
            return work.apply(connector);
        }
    }

    private ConnectedSystem system() {
        return new ConnectedSystem(connectionId, systemId, "shop-db", "shop", type.name(), type.capabilities());
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        ServiceEndpoints services = TestServices.endpoints();
        return DriverManager.getConnection(
                services.jdbcUrl(database), services.postgresUser(), services.postgresPassword());
    }
}
