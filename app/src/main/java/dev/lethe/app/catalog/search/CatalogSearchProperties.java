package dev.lethe.app.catalog.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the catalog's search index follows PostgreSQL.
 *
 * @param pollInterval how long the indexer waits between two rounds over every tenant's outbox
 * @param batchSize how many outbox rows of one tenant it handles per transaction and bulk request
 */
@ConfigurationProperties("lethe.catalog.search")
public record CatalogSearchProperties(
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("500") int batchSize) {

    public CatalogSearchProperties {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("lethe.catalog.search.poll-interval must be positive");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("lethe.catalog.search.batch-size must be between 1 and 10000");
        }
    }
}
