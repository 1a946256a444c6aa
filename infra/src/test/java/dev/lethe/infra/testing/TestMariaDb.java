package dev.lethe.infra.testing;

import dev.lethe.infra.MariaDbServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * One real MariaDB per test JVM ({@link MariaDbServer}), started on first use and stopped when the
 * JVM exits; test classes isolate themselves by a database of their own ({@link #createDatabase}).
 *
 * <p>Without the binaries, tests are skipped with the reason, except in CI (environment {@code CI}
 * set, as {@code .ci/run} runs) or with {@code -Dlethe.it.mariadb=required}: there they fail, since
 * CI installs them.
 */
public final class TestMariaDb {

    private static MariaDbServer server;
    private static RuntimeException startFailure;

    private TestMariaDb() {}

    /** The running server; starts it on first use. */
    public static synchronized MariaDbServer server() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (server == null) {
            try {
                server = start();
            } catch (RuntimeException e) {
                startFailure = new IllegalStateException("The test MariaDB did not start: " + e.getMessage(), e);
                throw startFailure;
            }
        }
        return server;
    }

    /** Why the tests that need MariaDB are skipped here, if they are. */
    public static Optional<String> unavailableReason() {
        return required() ? Optional.empty() : MariaDbServer.missingBinaries();
    }

    private static boolean required() {
        String ci = System.getenv("CI");
        return (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false"))
                || "required".equals(System.getProperty("lethe.it.mariadb"));
    }

    /** Creates an empty database with a unique name and returns its name. */
    public static String createDatabase(String prefix) {
        String name = UniqueNames.database(prefix);
        try (Connection connection = server().connect("");
                Statement statement = connection.createStatement()) {
            statement.execute("create database `" + name + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + name, e);
        }
        return name;
    }

    private static MariaDbServer start() {
        Path dir;
        try {
            // Searchable by others: as root, the server runs as an unprivileged user and keeps its data here.
            dir = Files.createTempDirectory(
                    "lethe-mariadb-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        MariaDbServer started = MariaDbServer.start(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            TestServices.deleteRecursively(dir);
        }));
        return started;
    }
}
