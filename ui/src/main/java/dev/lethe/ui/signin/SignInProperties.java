package dev.lethe.ui.signin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people sign in to the web UI ({@code lethe.signin.*}).
 *
 * @param idleTimeout a session ends after this long without a request
 * @param absoluteTimeout a session ends this long after sign-in, however busy
 * @param minimumPasswordLength at least {@value PasswordPolicy#SMALLEST_MINIMUM} (NIST's floor with a
 *     second factor)
 * @param lockout growing delays after failed attempts
 * @param setupLinkValidity how long a set-up link (first admin, invitation) works
 * @param publicUrl where people reach Lethe, for the links it prints; empty: {@code http://localhost:<port>}
 * @param issuer the name authenticator apps show beside the code
 * @param adminEmail with {@code adminPassword}: the first ADMIN's account, for scripts
 *     ({@code LETHE_ADMIN_EMAIL}); empty: a one-time set-up link is printed instead
 * @param adminPassword the first ADMIN's password ({@code LETHE_ADMIN_PASSWORD})
 * @param sessionKeyLifetime how long one key signs new session cookies before the next is made (it
 *     keeps verifying for one absolute time-out longer)
 */
@ConfigurationProperties("lethe.signin")
public record SignInProperties(
        @DefaultValue("30m") Duration idleTimeout,
        @DefaultValue("12h") Duration absoluteTimeout,
        @DefaultValue("12") int minimumPasswordLength,
        @DefaultValue Lockout lockout,
        @DefaultValue("24h") Duration setupLinkValidity,
        @DefaultValue("") String publicUrl,
        @DefaultValue("Lethe") String issuer,
        @DefaultValue("") String adminEmail,
        @DefaultValue("") String adminPassword,
        @DefaultValue("7d") Duration sessionKeyLifetime) {

    /** Growing delays: see {@link dev.lethe.ui.signin.Lockout}. */
    public record Lockout(
            @DefaultValue("5") int freeAttempts,
            @DefaultValue("30s") Duration firstDelay,
            @DefaultValue("15m") Duration longestDelay) {}

    public SignInProperties {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("lethe.signin.idle-timeout must be positive");
        }
        if (absoluteTimeout.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException(
                    "lethe.signin.absolute-timeout must be at least lethe.signin.idle-timeout");
        }
        if (sessionKeyLifetime.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("lethe.signin.session-key-lifetime must be at least 1m");
        }
    }

    dev.lethe.ui.signin.Lockout lockoutPolicy() {
        return new dev.lethe.ui.signin.Lockout(lockout.freeAttempts(), lockout.firstDelay(), lockout.longestDelay());
    }

    @Override
    public String toString() {
        return "SignInProperties[idleTimeout=" + idleTimeout + ", absoluteTimeout=" + absoluteTimeout
                + ", adminEmail=" + (adminEmail.isBlank() ? "" : "(set)") + ", adminPassword="
                + (adminPassword.isBlank() ? "" : "(set)") + "]";
    }
}
