package dev.lethe.connectors.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.connectors.spi.Connector;
import dev.lethe.connectors.spi.ConnectorRuntime;
import dev.lethe.infra.MariaDbServer;
import dev.lethe.infra.testing.TestMariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** A fresh database on the shared test MariaDB, and connections of the MariaDB connector to it. */
record TestDatabase(MariaDbServer server, String name) {

    static TestDatabase create(String prefix) {
        return new TestDatabase(TestMariaDb.server(), TestMariaDb.createDatabase(prefix));
    }

    /** A guard that allows the test server, as an administrator would. */
    OutboundGuard guard() {
        return OutboundGuard.fromSetting(server.host() + ":" + server.port());
    }

    /** A dataset of this database: {@code database.table}. */
    String dataset(String table) {
        return name + "." + table;
    }

    Connector open(Map<String, String> overrides, ConnectorRuntime runtime) {
        var type = new MariaDbConnectorType();
        Map<String, String> settings = new HashMap<>();
        settings.put("host", server.host());
        settings.put("port", Integer.toString(server.port()));
        settings.put("database", name);
        settings.put("user", server.user());
        // The test server has no TLS: the explicit opt-out a local system needs.
        settings.put("ssl-mode", "disable");
        settings.putAll(overrides);
        // An empty override leaves the setting out: its default applies.
        settings.values().removeIf(String::isEmpty);
        return type.open(type.configure(settings), runtime);
    }

    /** A connection as the administrator: what the test sets up and checks behind the connector's back. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(
                server.jdbcUrl(name) + "?allowMultiQueries=true", server.user(), server.password());
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
