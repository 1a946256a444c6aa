package dev.lethe.ui.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MemoryRateLimiterTest {

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

    private static final RateLimit THREE_AN_HOUR = new RateLimit(3, Duration.ofHours(1));

    private final MovableClock clock = new MovableClock();
    private final MemoryRateLimiter limiter = new MemoryRateLimiter(clock);

    @Test
    void aBucketAllowsItsCapacityThenSaysHowLongToWait() {
        String bucket = limiter.bucket("a", "127.0.0.1");
        for (int i = 0; i < 3; i++) {
            limiter.take(bucket, THREE_AN_HOUR);
        }

        assertThatThrownBy(() -> limiter.take(bucket, THREE_AN_HOUR))
                .isInstanceOfSatisfying(RateLimitExceeded.class, e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo(1200);
                    assertThat(e.kind()).isEqualTo("a");
                });
        limiter.take(limiter.bucket("b", "127.0.0.1"), THREE_AN_HOUR);
    }

    @Test
    void aBucketRefillsEvenly() {
        String bucket = limiter.bucket("a", "x");
        for (int i = 0; i < 3; i++) {
            limiter.take(bucket, THREE_AN_HOUR);
        }
        clock.now = clock.now.plus(Duration.ofMinutes(20));

        limiter.take(bucket, THREE_AN_HOUR);
        assertThatThrownBy(() -> limiter.take(bucket, THREE_AN_HOUR)).isInstanceOf(RateLimitExceeded.class);
    }

    @Test
    void bucketNamesCarryTheKindButNotTheValueAndIgnoreCase() {
        assertThat(limiter.bucket("submit-identity", "t:Ann@Example.org "))
                .isEqualTo(limiter.bucket("submit-identity", "t:ann@example.org"))
                .startsWith("submit-identity:")
                .doesNotContain("ann")
                .hasSizeLessThanOrEqualTo(100)
                .isNotEqualTo(limiter.bucket("submit-identity", "u:ann@example.org"));
        assertThat(limiter.bucket("ip", "192.0.2.7")).doesNotContain("192.0.2.7");
    }
}
