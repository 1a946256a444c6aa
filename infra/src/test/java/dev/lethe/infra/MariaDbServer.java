package dev.lethe.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server for tests: the distribution's {@code mariadbd} (Debian's {@code mariadb-server}
 * package) run as a child process on a free loopback port, with its data in a directory of its own.
 * As root it runs as the unprivileged user {@value RunAs#USER} (the server itself drops to it), like
 * Elasticsearch. {@code --no-defaults} everywhere: no {@code my.cnf} of the machine, no default
 * socket or port, so a MariaDB the machine runs as a service is never touched.
 */
public final class MariaDbServer implements AutoCloseable {

    private static final List<Path> SEARCHED =
            List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"));
    private static final String USER = "root";

    private final ChildProcess process;
    private final int port;

    private MariaDbServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Why no server can be started here, if it can't: the binaries are not installed. */
    public static Optional<String> missingBinaries() {
        List<String> missing = new ArrayList<>();
        for (String binary : List.of("mariadbd", "mariadb-install-db")) {
            if (find(binary).isEmpty()) {
                missing.add(binary);
            }
        }
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of("MariaDB is not installed here (" + String.join(" and ", missing)
                        + " not found on the PATH or in /usr/sbin, /usr/bin): install Debian's mariadb-server package"
                        + " (.ci/run does), e.g. apt-get install mariadb-server && service mariadb stop");
    }

    /**
     * Initializes a data directory under {@code dir} and starts a server on it; returns once the
     * server answers a query.
     */
    public static MariaDbServer start(Path dir) {
        return start(dir, List.of());
    }

    /**
     * As {@link #start(Path)}, with more server options (e.g. {@code --ssl-cert=...}); files they name
     * belong under {@code dir}, which is handed to the server's user before it starts.
     */
    public static MariaDbServer start(Path dir, List<String> serverOptions) {
        missingBinaries().ifPresent(reason -> {
            throw new LocalServiceException(reason);
        });
        try {
            boolean root = RunAs.isRoot();
            if (root) {
                prepareForUnprivilegedUser(dir);
            }
            Path data = dir.resolve("data");
            install(dir, data, root);
            LocalServiceException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = Ports.free();
                try {
                    return run(dir, data, port, root, serverOptions);
                } catch (LocalServiceException e) {
                    last = e; // most likely another process took the free port first
                }
            }
            throw last;
        } catch (IOException e) {
            throw new LocalServiceException("Could not start MariaDB in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalServiceException("Interrupted while starting MariaDB", e);
        }
    }

    private static void prepareForUnprivilegedUser(Path dir) throws IOException, InterruptedException {
        try {
            RunAs.ensureUser();
        } catch (LocalServiceException e) {
            throw new LocalServiceException("MariaDB's server does not run as root, and the user '" + RunAs.USER
                    + "' to run it as could not be created. Create that user, or run the tests as another user.");
        }
        if (!RunAs.reachableByOthers(dir)) {
            throw new LocalServiceException("MariaDB runs as the user '" + RunAs.USER + "', who cannot reach " + dir
                    + ": every directory above it must be searchable by others.");
        }
        RunAs.chown(dir);
    }

    private static void install(Path dir, Path data, boolean root) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                find("mariadb-install-db").orElseThrow().toString(),
                "--no-defaults", // must come first
                "--datadir=" + data,
                "--auth-root-authentication-method=normal", // root@127.0.0.1 without a password
                "--skip-test-db",
                "--skip-name-resolve",
                "--innodb-log-file-size=8M")); // a 26 MB data directory instead of 100 MB
        if (root) {
            command.add("--user=" + RunAs.USER);
        }
        Path log = dir.resolve("install.log");
        Process install = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!install.waitFor(2, TimeUnit.MINUTES)) {
            install.destroyForcibly();
            throw new LocalServiceException(
                    "mariadb-install-db did not finish within 2 minutes. Last lines of its log:\n"
                            + ChildProcess.tail(log, 20));
        }
        if (install.exitValue() != 0) {
            throw new LocalServiceException("mariadb-install-db failed with exit code " + install.exitValue()
                    + ". Last lines of its log:\n" + ChildProcess.tail(log, 20));
        }
    }

    private static MariaDbServer run(Path dir, Path data, int port, boolean root, List<String> serverOptions)
            throws IOException, InterruptedException {
        Path errors = dir.resolve("error.log");
        List<String> command = new ArrayList<>(List.of(
                find("mariadbd").orElseThrow().toString(),
                "--no-defaults", // must come first
                "--datadir=" + data,
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"),
                "--log-error=" + errors,
                "--skip-log-bin",
                "--skip-name-resolve",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--innodb-log-file-size=8M",
                "--innodb-buffer-pool-size=64M",
                // A test server: a crash may lose the last second of commits, and every commit is faster.
                "--innodb-flush-log-at-trx-commit=2"));
        if (root) {
            command.add("--user=" + RunAs.USER);
        }
        command.addAll(serverOptions);
        ChildProcess process = ChildProcess.start(
                "MariaDB", new ProcessBuilder(command), dir.resolve("mariadb.out"), dir.resolve("child.pid"));
        var server = new MariaDbServer(process, port);
        try {
            // mariadb-admin ping answers even when access is denied: only a query shows it is usable.
            process.awaitReady(
                    server::answers,
                    Duration.ofSeconds(60),
                    Duration.ofMillis(100),
                    () -> ChildProcess.tail(errors, 20));
        } catch (LocalServiceException | InterruptedException e) {
            process.stop(Duration.ofSeconds(5));
            throw e;
        }
        return server;
    }

    private boolean answers() {
        try (Connection connection = connect("");
                Statement statement = connection.createStatement()) {
            return statement.execute("select 1");
        } catch (SQLException e) {
            return false;
        }
    }

    private static Optional<Path> find(String binary) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        dirs.addAll(SEARCHED);
        return dirs.stream()
                .map(dir -> dir.resolve(binary))
                .filter(Files::isExecutable)
                .findFirst();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The administrator: {@code root} on loopback, without a password. */
    public String user() {
        return USER;
    }

    public String password() {
        return "";
    }

    /** The JDBC URL of a database on this server ({@code ""}: none selected). */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host() + ":" + port + "/" + database;
    }

    /** A connection as the administrator. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, password());
    }

    /** SIGTERM; the server is down in well under a second. */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
