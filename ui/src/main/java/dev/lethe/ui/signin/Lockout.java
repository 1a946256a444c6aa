package dev.lethe.ui.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Growing delays after failed sign-ins (NIST SP 800-63B 5.2.2, rate limiting): the first
 * {@code freeAttempts} failures in a row cost nothing; each one after that locks the account for
 * {@code firstDelay}, doubled per further failure, up to {@code longestDelay}. A success forgets
 * the failures. Delays rather than a permanent lock, so that an attacker cannot lock people out
 * for good; the cap keeps an online guesser to a few dozen guesses a day.
 */
public record Lockout(int freeAttempts, Duration firstDelay, Duration longestDelay) {

    public Lockout {
        if (freeAttempts < 1) {
            throw new IllegalArgumentException("freeAttempts must be at least 1");
        }
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(longestDelay, "longestDelay");
        if (firstDelay.isNegative() || firstDelay.isZero() || longestDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("Delays must be positive, and the longest at least the first");
        }
    }

    /** How long sign-in is refused after this many failures in a row; empty when it is not. */
    public Optional<Duration> delayAfter(int failures) {
        if (failures < freeAttempts) {
            return Optional.empty();
        }
        int doublings = Math.min(failures - freeAttempts, 30);
        Duration delay = firstDelay;
        for (int i = 0; i < doublings && delay.compareTo(longestDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return Optional.of(delay.compareTo(longestDelay) > 0 ? longestDelay : delay);
    }

    /** Until when sign-in is refused after this many failures at {@code now}; empty when it is not. */
    public Optional<Instant> lockedUntil(int failures, Instant now) {
        return delayAfter(failures).map(now::plus);
    }
}
