package dev.lethe.ui.signals;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When Lethe raises a security signal ({@code lethe.signals}).
 *
 * @param detokenizePerHour values one principal may reveal within an hour before a signal
 * @param tokenizePerHour values one principal may tokenize through the API within an hour before a signal
 * @param signInFailuresPerAccount failed sign-ins on one account within {@code signInWindow} that raise one
 * @param signInFailuresPerAddress failed sign-ins from one client address within {@code signInWindow}
 * @param signInWindow the window of the sign-in bursts
 * @param addressKey base64 HMAC key for client addresses of API keys (from a file or the environment); when
 *     blank each key's own stored hash keys them, and someone who can read the database could still
 *     recover an IPv4 address by trying them all
 * @param addressesPerKey how many address hashes are kept per API key (the most recently seen)
 */
@ConfigurationProperties("lethe.signals")
public record SignalsProperties(
        @DefaultValue("1000") int detokenizePerHour,
        @DefaultValue("10") int signInFailuresPerAccount,
        @DefaultValue("30") int signInFailuresPerAddress,
        @DefaultValue("15m") Duration signInWindow,
        @DefaultValue("") String addressKey,
        @DefaultValue("50") int addressesPerKey,
        @DefaultValue("10000") int tokenizePerHour) {

    public SignalsProperties {
        if (detokenizePerHour < 1) {
            throw new IllegalArgumentException("lethe.signals.detokenize-per-hour must be at least 1");
        }
        if (signInFailuresPerAccount < 2 || signInFailuresPerAddress < 2) {
            throw new IllegalArgumentException("lethe.signals.sign-in-failures-per-* must be at least 2");
        }
        if (signInWindow.isNegative() || signInWindow.isZero()) {
            throw new IllegalArgumentException("lethe.signals.sign-in-window must be positive");
        }
        if (tokenizePerHour < 1) {
            throw new IllegalArgumentException("lethe.signals.tokenize-per-hour must be at least 1");
        }
        if (addressesPerKey < 1) {
            throw new IllegalArgumentException("lethe.signals.addresses-per-key must be at least 1");
        }
    }
}
