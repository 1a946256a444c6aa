package dev.lethe.app.requests;

import dev.lethe.workflows.run.RequestTimings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How request workflows run ({@code lethe.requests.run.*}): activity timeouts, retries of a system
 * before it is recorded FAILED for an officer, when reminders come before the due date, and how often a
 * waiting workflow reads its request anyway (a signal may be lost). Tests shorten them. Reminders
 * before the due date are the regulation's ({@code lethe.requests.regulations.<NAME>.reminders}).
 *
 * @param workers whether this process polls for request work (the {@code workflows} role)
 * @param packageLifetime how long an access or export package is kept for download
 */
@ConfigurationProperties("lethe.requests.run")
public record RequestRunProperties(
        @DefaultValue("true") boolean workers,
        @DefaultValue("30s") Duration storeTimeout,
        @DefaultValue("30m") Duration systemTimeout,
        @DefaultValue("1m") Duration heartbeatTimeout,
        @DefaultValue("1s") Duration initialInterval,
        @DefaultValue("2.0") double backoff,
        @DefaultValue("5m") Duration maximumInterval,
        @DefaultValue("5") int maximumAttempts,
        @DefaultValue("6h") Duration recheck,
        @DefaultValue("30d") Duration packageLifetime) {

    public RequestRunProperties {
        if (maximumAttempts < 1) {
            throw new IllegalArgumentException("lethe.requests.run.maximum-attempts must be at least 1");
        }
        if (backoff < 1.0) {
            throw new IllegalArgumentException("lethe.requests.run.backoff must be at least 1.0");
        }
    }

    /** The timings of one request's workflow, reminding at {@code reminders} before its due date. */
    RequestTimings timings(List<Duration> reminders) {
        return new RequestTimings(
                storeTimeout,
                systemTimeout,
                heartbeatTimeout,
                initialInterval,
                backoff,
                maximumInterval,
                maximumAttempts,
                reminders,
                recheck);
    }
}
