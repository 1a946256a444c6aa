package dev.lethe.connectors.webhook;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt: exponential ({@code base · 2^(attempt-1)}, capped),
 * with jitter (a uniformly random point in the upper half), so that many connections retrying the
 * same failing service do not come back in step. A {@code Retry-After} the service sent wins, up
 * to the cap.
 */
record Backoff(Duration base, Duration cap, DoubleSupplier random) {

    /** The wait after failed attempt {@code attempt} (1-based). */
    Duration after(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(cap) > 0 ? cap : retryAfter.get();
        }
        long exponential = base.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(exponential, cap.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2)));
    }

    /** {@code Retry-After} in seconds (the HTTP-date form is not used by the services we call). */
    static Optional<Duration> retryAfter(Optional<String> header) {
        return header.map(String::strip)
                .filter(value -> value.matches("[0-9]{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)));
    }
}
