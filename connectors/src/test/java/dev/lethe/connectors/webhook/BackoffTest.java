package dev.lethe.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration BASE = Duration.ofMillis(500);
    private static final Duration CAP = Duration.ofSeconds(30);

    @Test
    void pausesDoubleWithEachAttemptWithinTheirUpperHalf() {
        Backoff lowest = new Backoff(BASE, CAP, () -> 0.0);
        Backoff highest = new Backoff(BASE, CAP, () -> 0.999_999);

        assertThat(lowest.after(1, Optional.empty())).isEqualTo(Duration.ofMillis(250));
        assertThat(highest.after(1, Optional.empty())).isEqualTo(Duration.ofMillis(499));
        assertThat(lowest.after(3, Optional.empty())).isEqualTo(Duration.ofMillis(1000));
        assertThat(highest.after(3, Optional.empty())).isEqualTo(Duration.ofMillis(1999));
    }

    @Test
    void pausesStopGrowingAtTheCap() {
        Backoff highest = new Backoff(BASE, CAP, () -> 0.999_999);

        assertThat(highest.after(30, Optional.empty())).isLessThanOrEqualTo(CAP);
        assertThat(new Backoff(BASE, CAP, () -> 0.0).after(30, Optional.empty()))
                .isEqualTo(CAP.dividedBy(2));
    }

    @Test
    void retryAfterWinsUpToTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, () -> 0.5);

        assertThat(backoff.after(1, Backoff.retryAfter(Optional.of("7")))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.after(1, Backoff.retryAfter(Optional.of("3600")))).isEqualTo(CAP);
        assertThat(Backoff.retryAfter(Optional.of("Wed, 21 Oct 2026 07:28:00 GMT")))
                .isEmpty();
    }
}
