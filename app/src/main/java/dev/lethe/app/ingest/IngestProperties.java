package dev.lethe.app.ingest;

import dev.lethe.ingest.IngestSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The ingest role of this process.
 *
 * @param enabled whether this process runs stream workers (the API to manage streams is always there)
 * @param instanceId this process's name among the ingest processes, stable across its restarts and
 *     unique among them (default: host name and HTTP port); transactional ids derive from it
 * @param transactionTimeout how long Kafka waits for a dead process's open transaction
 * @param maxPollRecords the largest batch (one transaction)
 * @param fetchMinBytes how much new data the broker gathers for a worker's next batch, waiting at most
 *     {@code fetchMaxWait}: fewer, larger transactions at moderate rates (see {@code IngestSettings})
 * @param fetchMaxWait the longest a record waits for that company when the stream is quiet
 * @param reconcileInterval how often this process compares its workers with the registry (changes
 *     made through this process's API apply at once)
 * @param topicPartitions partitions of topics created at registration ({@code createTopics=true})
 * @param topicReplicationFactor their replication factor; 0 uses the broker's default
 * @param fieldsRefresh how often the catalog's confirmed fields are read again
 * @param fieldsFlush how often discovered fields are written to the catalog
 * @param deadLetterRetention how long a stream's dead-letter topic keeps a record (Kafka's {@code
 *     retention.ms}): dead letters are records Lethe could not protect, so they must not stay forever
 */
@ConfigurationProperties("lethe.ingest")
public record IngestProperties(
        @DefaultValue("true") boolean enabled,
        String instanceId,
        @DefaultValue("30s") Duration transactionTimeout,
        @DefaultValue("500") int maxPollRecords,
        @DefaultValue("256KB") DataSize fetchMinBytes,
        @DefaultValue("50ms") Duration fetchMaxWait,
        @DefaultValue("5s") Duration reconcileInterval,
        @DefaultValue("3") int topicPartitions,
        @DefaultValue("0") short topicReplicationFactor,
        @DefaultValue("30s") Duration fieldsRefresh,
        @DefaultValue("5s") Duration fieldsFlush,
        @DefaultValue("P14D") Duration deadLetterRetention) {

    public IngestProperties {
        if (reconcileInterval.isNegative() || reconcileInterval.isZero()) {
            throw new IllegalArgumentException("lethe.ingest.reconcile-interval must be positive");
        }
        // Checked here too, so that a wrong value stops the start naming the property.
        if (fetchMinBytes.toBytes() < 1 || fetchMinBytes.toBytes() > IngestSettings.MAX_FETCH_MIN_BYTES) {
            throw new IllegalArgumentException("lethe.ingest.fetch-min-bytes must be between 1B and 64MB");
        }
        if (!IngestSettings.fetchMaxWaitAllowed(fetchMaxWait)) {
            throw new IllegalArgumentException("lethe.ingest.fetch-max-wait must be between 0 and 5s");
        }
        if (topicPartitions < 1) {
            throw new IllegalArgumentException("lethe.ingest.topic-partitions must be at least 1");
        }
        if (deadLetterRetention.isNegative() || deadLetterRetention.isZero()) {
            throw new IllegalArgumentException("lethe.ingest.dead-letter-retention must be positive (e.g. P14D)");
        }
    }
}
