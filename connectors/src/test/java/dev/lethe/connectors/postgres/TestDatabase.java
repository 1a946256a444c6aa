package dev.lethe.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.infra.ServiceEndpoints;
import dev.lethe.infra.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** A fresh database on the shared test PostgreSQL, and connections of the PostgreSQL connector to it. */
record TestDatabase(ServiceEndpoints services, String name) {

    static TestDatabase create(String prefix) {
        return new TestDatabase(TestServices.endpoints(), TestServices.createDatabase(prefix));
    }

    /** A guard that allows the test server, as an administrator would. */
    OutboundGuard guard() {
        return OutboundGuard.fromSetting(services.postgresHost() + ":" + services.postgresPort());
    }

    Connector open(Map<String, String> overrides, ConnectorRuntime runtime) {
        var type = new PostgresConnectorType();
        Map<String, String> settings = new HashMap<>();
        settings.put("host", services.postgresHost());
        settings.put("port", Integer.toString(services.postgresPort()));
        settings.put("database", name);
        settings.put("user", services.postgresUser());
        settings.put("ssl-mode", "disable");
        if (services.postgresPassword() != null && !services.postgresPassword().isEmpty()) {
            settings.put("password", services.postgresPassword());
        }
        settings.putAll(overrides);
        return type.open(type.configure(settings), runtime);
    }

    /** A connection as the superuser: what the test sets up and checks behind the connector's back. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(
                services.jdbcUrl(name), services.postgresUser(), Objects.toString(services.postgresPassword(), ""));
    }

    void execute(String statements) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }

    Map<String, String> row(String query) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            Map<String, String> row = new HashMap<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                row.put(rows.getMetaData().getColumnLabel(i), rows.getString(i));
            }
            return row;
        }
    }

    long count(String query) throws SQLException {
        return Long.parseLong(row(query).values().iterator().next());
    }
}
