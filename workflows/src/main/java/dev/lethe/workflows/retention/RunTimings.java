package dev.lethe.workflows.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * The run workflows' timings, given to each workflow with its input (in its history, so a replay sees the
 * same ones; a workflow started again picks up the configured ones).
 *
 * @param storeTimeout start-to-close of an activity that reads or writes PostgreSQL only
 * @param taskTimeout start-to-close of one attempt at a task's purge
 * @param heartbeatTimeout how long a purge may go without a heartbeat before it is tried again (a worker
 *     that died mid-purge)
 * @param initialInterval the first retry's delay, doubling up to {@code maximumInterval}
 * @param attempts attempts at a task before it is recorded FAILED
 */
public record RunTimings(
        Duration storeTimeout,
        Duration taskTimeout,
        Duration heartbeatTimeout,
        Duration initialInterval,
        Duration maximumInterval,
        int attempts) {

    public RunTimings {
        Objects.requireNonNull(storeTimeout, "storeTimeout");
        Objects.requireNonNull(taskTimeout, "taskTimeout");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        Objects.requireNonNull(initialInterval, "initialInterval");
        Objects.requireNonNull(maximumInterval, "maximumInterval");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** From the settings: a minute without a heartbeat, retries at most ten minutes apart. */
    public static RunTimings of(RetentionSettings settings) {
        return new RunTimings(
                Duration.ofSeconds(30),
                settings.taskTimeout(),
                Duration.ofMinutes(1),
                settings.initialRetryInterval(),
                Duration.ofMinutes(10).compareTo(settings.initialRetryInterval()) > 0
                        ? Duration.ofMinutes(10)
                        : settings.initialRetryInterval(),
                settings.attempts());
    }
}
