package dev.lethe.ui.signals;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Bursts of failed sign-ins: {@code lethe.signals.sign-in-failures-per-account} failures on one account,
 * or {@code ...-per-address} from one client address, within {@code lethe.signals.sign-in-window}, raise
 * {@link SignalType#SIGN_IN_FAILURES_ACCOUNT} or {@link SignalType#SIGN_IN_FAILURES_ADDRESS}; the count then
 * starts again. Counted in this instance's memory (a bounded map): behind a load balancer that spreads one
 * attacker over n instances a burst must be up to n times larger before it is seen. Addresses are kept
 * as {@link AddressHashes keyed hashes}, never as they are. Thread-safe.
 */
public final class SignInFailures {

    private static final int MAX_KEYS = 10_000;

    private final SecuritySignals signals;
    private final AddressHashes addresses;
    private final SignalsProperties properties;
    private final Clock clock;
    private final Map<String, Deque<Instant>> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public SignInFailures(SecuritySignals signals, AddressHashes addresses, SignalsProperties properties, Clock clock) {
        this.signals = signals;
        this.addresses = addresses;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A failed sign-in in the tenant, on the account (null when the address named none) and from the
     * client address (null when unknown).
     */
    public void failed(UUID tenantId, UUID userId, String clientAddress) {
        Instant now = clock.instant();
        if (userId != null) {
            String principal = "user:" + userId;
            int count = count(tenantId + "/" + principal, now, properties.signInFailuresPerAccount());
            if (count >= properties.signInFailuresPerAccount()) {
                signals.raise(tenantId, SignalType.SIGN_IN_FAILURES_ACCOUNT, principal, facts(count));
            }
        }
        if (clientAddress != null) {
            String principal = "address:" + addresses.label(clientAddress);
            int count = count(principal, now, properties.signInFailuresPerAddress());
            if (count >= properties.signInFailuresPerAddress()) {
                signals.raise(tenantId, SignalType.SIGN_IN_FAILURES_ADDRESS, principal, facts(count));
            }
        }
    }

    private Map<String, String> facts(int count) {
        return Map.of(
                "failures",
                Integer.toString(count),
                "window",
                properties.signInWindow().toString());
    }

    /** Adds a failure to the key's window; returns the count, and empties the window when it reaches the threshold. */
    private synchronized int count(String key, Instant now, int threshold) {
        Deque<Instant> window = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant start = now.minus(properties.signInWindow());
        while (!window.isEmpty() && window.peekFirst().isBefore(start)) {
            window.pollFirst();
        }
        window.addLast(now);
        int count = window.size();
        if (count >= threshold) {
            windows.remove(key);
        }
        return count;
    }
}
