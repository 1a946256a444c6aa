package dev.lethe.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutTest {

    private final Lockout lockout = new Lockout(5, Duration.ofSeconds(30), Duration.ofMinutes(15));

    @Test
    void theFirstFailuresAreFree() {
        for (int failures = 0; failures < 5; failures++) {
            assertThat(lockout.delayAfter(failures)).isEmpty();
        }
    }

    @Test
    void delaysDoublePerFailureUpToTheLongest() {
        assertThat(lockout.delayAfter(5)).hasValue(Duration.ofSeconds(30));
        assertThat(lockout.delayAfter(6)).hasValue(Duration.ofMinutes(1));
        assertThat(lockout.delayAfter(7)).hasValue(Duration.ofMinutes(2));
        assertThat(lockout.delayAfter(9)).hasValue(Duration.ofMinutes(8));
        assertThat(lockout.delayAfter(10)).hasValue(Duration.ofMinutes(15));
        assertThat(lockout.delayAfter(1_000_000)).hasValue(Duration.ofMinutes(15));
    }

    @Test
    void locksUntilNowPlusTheDelay() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        assertThat(lockout.lockedUntil(6, now)).hasValue(Instant.parse("2026-12-02T10:01:00Z"));
        assertThat(lockout.lockedUntil(4, now)).isEmpty();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Lockout(0, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lockout(3, Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
