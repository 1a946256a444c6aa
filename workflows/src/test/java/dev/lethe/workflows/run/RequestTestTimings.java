package dev.lethe.workflows.run;

import java.time.Duration;
import java.util.List;

/** Timings for workflow tests: short retries and heartbeats, a reminder a day before the due date, a daily recheck. */
final class RequestTestTimings {

    private RequestTestTimings() {}

    static RequestTimings of() {
        return new RequestTimings(
                Duration.ofSeconds(10),
                Duration.ofMinutes(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                2.0,
                Duration.ofSeconds(10),
                3,
                List.of(Duration.ofDays(1)),
                Duration.ofDays(1));
    }
}
