package dev.lethe.workflows.retention;

import java.time.Duration;
import java.time.Period;
import java.util.Objects;

/**
 * How retention runs purge.
 *
 * @param batchSize records per batch (each batch committed on its own), 1 to 100,000
 * @param pauseBetweenBatches the pause after each batch, so production readers and writers get their turn
 * @param maxRecordsPerSecond at most this many records per second per system; 0: no limit
 * @param attempts attempts of a task's purge before the task is recorded FAILED
 * @param initialRetryInterval the first retry's delay (doubling after each attempt)
 * @param taskTimeout how long one attempt at a task may take
 * @param ownRequestIdentities how long after a request closed its subject's identities are kept
 */
public record RetentionSettings(
        int batchSize,
        Duration pauseBetweenBatches,
        int maxRecordsPerSecond,
        int attempts,
        Duration initialRetryInterval,
        Duration taskTimeout,
        Period ownRequestIdentities) {

    public RetentionSettings {
        Objects.requireNonNull(pauseBetweenBatches, "pauseBetweenBatches");
        Objects.requireNonNull(initialRetryInterval, "initialRetryInterval");
        Objects.requireNonNull(taskTimeout, "taskTimeout");
        Objects.requireNonNull(ownRequestIdentities, "ownRequestIdentities");
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batchSize must be 1 to 100,000: " + batchSize);
        }
        if (pauseBetweenBatches.isNegative()) {
            throw new IllegalArgumentException("pauseBetweenBatches must not be negative");
        }
        if (maxRecordsPerSecond < 0) {
            throw new IllegalArgumentException("maxRecordsPerSecond must not be negative (0: no limit)");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (initialRetryInterval.isNegative() || initialRetryInterval.isZero()) {
            throw new IllegalArgumentException("initialRetryInterval must be positive");
        }
        if (taskTimeout.isNegative() || taskTimeout.isZero()) {
            throw new IllegalArgumentException("taskTimeout must be positive");
        }
        if (ownRequestIdentities.isNegative() || ownRequestIdentities.isZero()) {
            throw new IllegalArgumentException("ownRequestIdentities must be a positive period");
        }
    }

    /** Batches of 10,000 with 50 ms between them, no rate limit, 5 attempts from 10 s, 2 h per attempt, P3Y. */
    public static RetentionSettings defaults() {
        return new RetentionSettings(
                10_000, Duration.ofMillis(10), 0, 5, Duration.ofSeconds(10), Duration.ofHours(2), Period.ofYears(3));
    }
}
