package dev.lethe.workflows.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retention's meters: records purged per policy (the policy's id, never a name or data), runs by how they
 * ended, task failures, and how late the last scheduled run started.
 */
final class RetentionMetrics {

    private final MeterRegistry meters;
    private final AtomicLong lagSeconds = new AtomicLong();

    RetentionMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("lethe.retention.schedule.lag.seconds", lagSeconds, AtomicLong::get)
                .description("How late the last scheduled retention run started, in seconds")
                .register(meters);
    }

    void purged(UUID policyId, long records) {
        Counter.builder("lethe.retention.records.purged")
                .description("Records deleted or anonymized by retention runs")
                .tag("policy", policyId.toString())
                .register(meters)
                .increment(records);
    }

    void runFinished(RunStatus status) {
        Counter.builder("lethe.retention.runs")
                .description("Retention runs, by how they ended")
                .tag("status", status.name())
                .register(meters)
                .increment();
    }

    void failed() {
        Counter.builder("lethe.retention.failures")
                .description("Retention tasks that failed their last attempt, and runs that could not be planned")
                .register(meters)
                .increment();
    }

    void scheduledLate(Duration lag) {
        lagSeconds.set(Math.max(0, lag.toSeconds()));
    }
}
