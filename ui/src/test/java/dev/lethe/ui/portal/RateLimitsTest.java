package dev.lethe.ui.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final RateLimits limits = new RateLimits(clock);

    @Test
    void aBucketAllowsItsCapacityThenSaysHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            limits.take("a:127.0.0.1", 3, Duration.ofHours(1));
        }

        assertThatThrownBy(() -> limits.take("a:127.0.0.1", 3, Duration.ofHours(1)))
                .isInstanceOfSatisfying(RateLimits.Exceeded.class, e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo(1200);
                    assertThat(e.bucket()).isEqualTo("a");
                });
        limits.take("b", 3, Duration.ofHours(1));
    }

    @Test
    void aBucketRefillsEvenly() {
        for (int i = 0; i < 3; i++) {
            limits.take("a", 3, Duration.ofHours(1));
        }
        clock.now = clock.now.plus(Duration.ofMinutes(20));

        limits.take("a", 3, Duration.ofHours(1));
        assertThatThrownBy(() -> limits.take("a", 3, Duration.ofHours(1))).isInstanceOf(RateLimits.Exceeded.class);
    }

    @Test
    void identitiesAreKeyedWithoutTheirValueAndIgnoreCase() {
        UUID tenant = UUID.randomUUID();

        assertThat(limits.identity(tenant, "Ann@Example.org ")).isEqualTo(limits.identity(tenant, "ann@example.org"));
        assertThat(limits.identity(tenant, "ann@example.org"))
                .doesNotContain("ann")
                .isNotEqualTo(limits.identity(UUID.randomUUID(), "ann@example.org"));
    }
}
