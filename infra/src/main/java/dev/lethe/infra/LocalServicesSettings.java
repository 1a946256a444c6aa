package dev.lethe.infra;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the local services keep their data and which loopback ports they use.
 *
 * <p>Bound from {@code lethe.infra.*} by the app; every field may be left out and gets its
 * documented default. Property names are part of the error messages, so users know what to set.
 */
public record LocalServicesSettings(
        Path dataDir,
        Postgres postgres,
        Kafka kafka,
        Elasticsearch elasticsearch,
        Temporal temporal,
        Duration startTimeout) {

    public static final Path DEFAULT_DATA_DIR = Path.of(".lethe");

    public LocalServicesSettings {
        dataDir =
                (dataDir == null ? DEFAULT_DATA_DIR : dataDir).toAbsolutePath().normalize();
        postgres = postgres == null ? new Postgres(null) : postgres;
        kafka = kafka == null ? new Kafka(null, null, null) : kafka;
        elasticsearch = elasticsearch == null ? new Elasticsearch(null, null, null, null, null) : elasticsearch;
        temporal = temporal == null ? new Temporal(null) : temporal;
        startTimeout = startTimeout == null ? Duration.ofMinutes(3) : startTimeout;
    }

    public static LocalServicesSettings defaults(Path dataDir) {
        return new LocalServicesSettings(dataDir, null, null, null, null, null);
    }

    /** Settings on ports that are free right now: for tests that run beside a developer's own Lethe. */
    public static LocalServicesSettings onFreePorts(Path dataDir) {
        return new LocalServicesSettings(
                dataDir,
                new Postgres(Ports.free()),
                new Kafka(Ports.free(), Ports.free(), null),
                new Elasticsearch(Ports.free(), Ports.free(), null, null, null),
                new Temporal(Ports.free()),
                null);
    }

    /** PostgreSQL from the zonky binaries. */
    public record Postgres(Integer port) {
        public Postgres {
            port = port == null ? 15432 : port;
        }
    }

    /** One KRaft broker that is its own controller, in a child JVM. */
    public record Kafka(Integer port, Integer controllerPort, String heap) {
        public Kafka {
            port = port == null ? 19092 : port;
            controllerPort = controllerPort == null ? 19093 : controllerPort;
            heap = heap == null ? "512m" : heap;
        }
    }

    /**
     * Elasticsearch from its Maven Central distribution, as a child process.
     *
     * @param distribution the zip or an unpacked home; by default the one the build resolved
     * @param cacheDir where the distribution is unpacked once and shared between data directories
     */
    public record Elasticsearch(Integer port, Integer transportPort, String heap, Path distribution, Path cacheDir) {
        public Elasticsearch {
            port = port == null ? 19200 : port;
            transportPort = transportPort == null ? 19300 : transportPort;
            heap = heap == null ? "512m" : heap;
        }
    }

    /** Temporal's Java test server, time skipping off. */
    public record Temporal(Integer port) {
        public Temporal {
            port = port == null ? 17233 : port;
        }
    }
}
