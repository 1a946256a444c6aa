package dev.lethe.workflows.steps;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Heartbeats for an activity while one long call runs (a DELETE of a million rows is one statement):
 * the heartbeat says the worker is alive, so Temporal retries the activity soon after a worker dies but
 * never while a live one is still working. Connectors also heartbeat between batches, where they learn
 * that the request was canceled.
 */
public final class Heartbeats {

    private static final Duration AT_MOST_EVERY = Duration.ofSeconds(10);
    private static final Duration AT_LEAST_EVERY = Duration.ofMillis(200);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("request-heartbeats").daemon().factory());

    private Heartbeats() {}

    /** A third of the heartbeat timeout, so two beats may be lost before Temporal gives up on the worker. */
    static Duration every(Duration heartbeatTimeout) {
        if (heartbeatTimeout == null || heartbeatTimeout.isZero()) {
            return AT_MOST_EVERY;
        }
        Duration third = heartbeatTimeout.dividedBy(3);
        return third.compareTo(AT_LEAST_EVERY) < 0
                ? AT_LEAST_EVERY
                : third.compareTo(AT_MOST_EVERY) > 0 ? AT_MOST_EVERY : third;
    }

    /** Runs {@code work} in the current activity, heartbeating meanwhile (retention purges use it too). */
    public static <T> T during(Supplier<T> work) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        long every = every(context.getInfo().getHeartbeatTimeout()).toMillis();
        var beat = TIMER.scheduleAtFixedRate(
                () -> {
                    try {
                        context.heartbeat(null);
                    } catch (ActivityCompletionException cancelled) {
                        // The activity's own thread learns it at its next checkpoint.
                    } catch (RuntimeException e) {
                        // A heartbeat that does not get through is retried at the next tick.
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        try {
            return work.get();
        } finally {
            beat.cancel(false);
        }
    }
}
