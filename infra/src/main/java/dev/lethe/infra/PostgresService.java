package dev.lethe.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** A real PostgreSQL from the zonky binaries, its data directory kept across starts. */
final class PostgresService implements LocalService {

    static final String SUPERUSER = "postgres";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    PostgresService(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public void start() throws IOException {
        Files.createDirectories(dataDir);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                // PostgreSQL's default, localhost, is ::1 as well; the services are on 127.0.0.1 only.
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /** Opens a superuser connection to a database, for creating databases and roles. */
    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, "");
    }

    @Override
    public boolean isHealthy() {
        try (Connection connection = connect("postgres")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new LocalServiceException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
            } finally {
                postgres = null;
            }
        }
    }

    /** A postmaster whose JVM was killed keeps running; stop it before starting a new one on the same data. */
    @Override
    public void stopLeftovers() throws IOException {
        ChildProcess.stopLeftover(dataDir.resolve("postmaster.pid"), dataDir.toString());
    }
}
