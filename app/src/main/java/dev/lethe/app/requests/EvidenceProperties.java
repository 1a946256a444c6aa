package dev.lethe.app.requests;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Packages of access and export requests ({@code lethe.requests.packages}).
 *
 * @param dir where the encrypted package store keeps its objects; default {@code ${lethe.data-dir}/packages}
 * @param ttl how long a package is kept before it is deleted (ISO-8601 or {@code 30d})
 * @param linkTtl how long a download link works (never beyond its package)
 * @param sweepInterval how often expired packages are looked for
 */
@ConfigurationProperties("lethe.requests.packages")
public record EvidenceProperties(
        Path dir,
        @DefaultValue("P30D") Duration ttl,
        @DefaultValue("PT72H") Duration linkTtl,
        @DefaultValue("PT1H") Duration sweepInterval) {

    public EvidenceProperties {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lethe.requests.packages.ttl must be positive");
        }
        if (linkTtl.isNegative() || linkTtl.isZero() || linkTtl.compareTo(ttl) > 0) {
            throw new IllegalArgumentException(
                    "lethe.requests.packages.link-ttl must be positive and at most lethe.requests.packages.ttl");
        }
        if (sweepInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lethe.requests.packages.sweep-interval must be at least 1s");
        }
    }

    /** The store's directory: {@code dir}, or {@code packages} under the data directory. */
    Path dirOr(Path dataDir) {
        return dir != null ? dir : dataDir.resolve("packages");
    }
}
