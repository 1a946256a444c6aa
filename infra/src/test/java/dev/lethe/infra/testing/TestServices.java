package dev.lethe.infra.testing;

import dev.lethe.infra.LocalServices;
import dev.lethe.infra.LocalServicesSettings;
import dev.lethe.infra.PostgresAdmin;
import dev.lethe.infra.ServiceEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real services for integration tests, started once per test JVM and shared by every test
 * class in it. Test classes isolate themselves by unique names ({@link UniqueNames}): their own
 * database, topics, index prefixes and tenants.
 *
 * <p>By default these are the embedded services of {@link LocalServices} on free ports in a
 * temporary data directory. With {@code -Dlethe.it.services=containers} (Maven profile {@code
 * containers}) they are Testcontainers; without a Docker engine, tests are skipped with the reason.
 */
public final class TestServices {

    private static ServiceEndpoints endpoints;
    private static RuntimeException startFailure;

    private TestServices() {}

    /** The running services; starts them on first use. */
    public static synchronized ServiceEndpoints endpoints() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (endpoints == null) {
            try {
                endpoints = containersMode() ? ContainerServices.start() : startEmbedded();
            } catch (RuntimeException e) {
                startFailure = new IllegalStateException("The test services did not start: " + e.getMessage(), e);
                throw startFailure;
            }
        }
        return endpoints;
    }

    /** Why the services can't run here, if they can't (the containers mode without Docker). */
    public static Optional<String> unavailableReason() {
        return containersMode() ? ContainerServices.unavailableReason() : Optional.empty();
    }

    private static boolean containersMode() {
        return "containers".equals(System.getProperty("lethe.it.services"));
    }

    /** Creates an empty database with a unique name and returns its name. */
    public static String createDatabase(String prefix) {
        String name = UniqueNames.database(prefix);
        new PostgresAdmin(endpoints()).ensureDatabase(name);
        return name;
    }

    /** Makes sure a role that can log in exists on the shared PostgreSQL (roles span databases). */
    public static synchronized void ensureLoginRole(String name) {
        new PostgresAdmin(endpoints()).ensureLoginRole(name);
    }

    private static ServiceEndpoints startEmbedded() {
        Path dataDir;
        try {
            // Readable by others, so that Elasticsearch's unprivileged user (when run as root) keeps
            // its data in here too, and it goes away with the rest.
            dataDir = Files.createTempDirectory(
                    "lethe-it-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        LocalServices services = LocalServices.start(LocalServicesSettings.onFreePorts(dataDir));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            services.close();
            deleteRecursively(dataDir);
        }));
        return services.endpoints();
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory: the system cleans up what is left.
        }
    }
}
