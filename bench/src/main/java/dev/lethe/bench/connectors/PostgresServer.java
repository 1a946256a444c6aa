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
public final class PostgresServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static PostgresServer start() throws IOException {
        return start(Map.of());
    }

    /** With server settings besides durable commits (e.g. a larger {@code shared_buffers} for a big table). */
    public static PostgresServer start(Map<String, String> settings) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60));
        settings.forEach(builder::setServerConfig);
        return new PostgresServer(builder.start());
    }

    public int port() {
        return postgres.getPort();
    }

    /** The settings of a PostgreSQL connection to {@code database}, as an engineer registers them. */
    public Map<String, String> connectionSettings(String database) {
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

    public Connection connect(String database, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + port() + "/" + database, properties);
    }

    public void createDatabase(String name) throws SQLException {
        execute("postgres", "create database " + name);
    }

    /** Runs statements in autocommit, so that {@code vacuum} may be among them as a statement of its own. */
    public void execute(String database, String... statements) throws SQLException {
        try (Connection connection = connect(database, "bench-setup");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    public String query(String database, String sql) throws SQLException {
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
