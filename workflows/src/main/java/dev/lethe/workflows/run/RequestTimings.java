package dev.lethe.workflows.run;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The request workflow's timings, given to each workflow with its input (so they are in its history
 * and a replay sees the same ones; a workflow started again picks up the configured ones).
 *
 * @param storeTimeout start-to-close of an activity that reads or writes the request store
 * @param systemTimeout start-to-close of an activity in a connected system (run, collect, verify,
 *     assemble)
 * @param heartbeatTimeout how long a system activity may go without a heartbeat before it is retried
 * @param initialInterval the first retry's delay
 * @param backoff how much each retry's delay grows
 * @param maximumInterval the longest delay between retries
 * @param maximumAttempts attempts of a system activity before the system is recorded FAILED for an
 *     officer to retry or skip (store activities retry until the store answers)
 * @param reminders lead times before the due date at which a reminder is recorded
 * @param recheck how often a waiting workflow reads its request anyway, in case a signal was lost
 */
public record RequestTimings(
        Duration storeTimeout,
        Duration systemTimeout,
        Duration heartbeatTimeout,
        Duration initialInterval,
        double backoff,
        Duration maximumInterval,
        int maximumAttempts,
        List<Duration> reminders,
        Duration recheck) {

    public RequestTimings {
        Objects.requireNonNull(storeTimeout, "storeTimeout");
        Objects.requireNonNull(systemTimeout, "systemTimeout");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        Objects.requireNonNull(initialInterval, "initialInterval");
        Objects.requireNonNull(maximumInterval, "maximumInterval");
        Objects.requireNonNull(recheck, "recheck");
        reminders = List.copyOf(reminders);
        if (backoff < 1.0 || maximumAttempts < 1) {
            throw new IllegalArgumentException("backoff must be at least 1 and maximumAttempts at least 1");
        }
    }

    /** Production defaults: reminders a week and a day before the due date. */
    public static RequestTimings defaults() {
        return new RequestTimings(
                Duration.ofSeconds(30),
                Duration.ofMinutes(30),
                Duration.ofMinutes(1),
                Duration.ofSeconds(1),
                2.0,
                Duration.ofMinutes(5),
                5,
                List.of(Duration.ofDays(7), Duration.ofDays(1)),
                Duration.ofHours(6));
    }
}
