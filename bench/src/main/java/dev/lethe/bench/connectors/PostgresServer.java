package dev.lethe.bench.connectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * A real PostgreSQL from the zonky binaries, as the other benches start it, with commits made
 * durable ({@code synchronous_commit=on}; zonky turns it off by default). The bench sets up and
 * reads its databases as the superuser; the connectors connect with their own settings.
 */
final class PostgresServer implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static PostgresServer start() throws IOException {
        return new PostgresServer(EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start());
    }

    int port() {
        return postgres.getPort();
    }

    /** The settings of a PostgreSQL connection to {@code database}, as an engineer registers them. */
    Map<String, String> connectionSettings(String database) {
        return Map.of(
                "host",
                HOST,
                "port",
                Integer.toString(port()),
                "database",
                database,
                "user",
                SUPERUSER,
                "ssl-mode",
                "disable",
                "statement-timeout-seconds",
                "120");
    }

    Connection connect(String database, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port() + "/" + database, properties);
    }

    void createDatabase(String name) throws SQLException {
        execute("postgres", "create database " + name);
    }

    /** Runs statements in autocommit, so that {@code vacuum} may be among them as a statement of its own. */
    void execute(String database, String... statements) throws SQLException {
        try (Connection connection = connect(database, "bench-setup");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    String query(String database, String sql) throws SQLException {
        try (Connection connection = connect(database, "bench-setup");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
