package dev.lethe.app.retention;

import dev.lethe.workflows.retention.RetentionSettings;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How retention runs purge ({@code lethe.retention.*}); docs/retention.md#operations. A bad value fails
 * start-up naming its property.
 *
 * @param workers whether this process polls for retention work (the {@code workflows} role)
 * @param batchSize records per batch, each committed on its own (1 to 100,000)
 * @param pauseBetweenBatches the pause after each batch, so production readers and writers get their turn
 * @param maxRecordsPerSecond at most this many records per second per system; 0: no limit
 * @param attempts attempts at a task's purge before the task is recorded FAILED
 * @param initialRetryInterval the first retry's delay (doubling after each attempt)
 * @param taskTimeout how long one attempt at a task may take
 * @param ownRequestIdentities how long after a request closed its subject's identities are kept
 * @param tenantCheckInterval how often this process looks for new tenants to start their schedule for
 */
@ConfigurationProperties("lethe.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean workers,
        @DefaultValue("10000") int batchSize,
        @DefaultValue("10ms") Duration pauseBetweenBatches,
        @DefaultValue("0") int maxRecordsPerSecond,
        @DefaultValue("5") int attempts,
        @DefaultValue("10s") Duration initialRetryInterval,
        @DefaultValue("2h") Duration taskTimeout,
        @DefaultValue("P3Y") Period ownRequestIdentities,
        @DefaultValue("1m") Duration tenantCheckInterval) {

    public RetentionProperties {
        require(batchSize >= 1 && batchSize <= 100_000, "batch-size must be 1 to 100000");
        require(!pauseBetweenBatches.isNegative(), "pause-between-batches must not be negative");
        require(maxRecordsPerSecond >= 0, "max-records-per-second must not be negative (0: no limit)");
        require(attempts >= 1, "attempts must be at least 1");
        require(positive(initialRetryInterval), "initial-retry-interval must be positive");
        require(positive(taskTimeout), "task-timeout must be positive");
        require(
                !ownRequestIdentities.isNegative() && !ownRequestIdentities.isZero(),
                "own-request-identities must be a positive period, e.g. P3Y");
        require(positive(tenantCheckInterval), "tenant-check-interval must be positive");
    }

    /** The settings the runs take. */
    public RetentionSettings settings() {
        return new RetentionSettings(
                batchSize,
                pauseBetweenBatches,
                maxRecordsPerSecond,
                attempts,
                initialRetryInterval,
                taskTimeout,
                ownRequestIdentities);
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException("lethe.retention." + message);
        }
    }
}
