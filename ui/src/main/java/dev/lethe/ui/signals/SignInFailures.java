package dev.lethe.ui.signals;

import java.util.Map;
import java.util.UUID;

/**
 * Bursts of failed sign-ins: {@code lethe.signals.sign-in-failures-per-account} failures on one account,
 * or {@code ...-per-address} from one client address, within {@code lethe.signals.sign-in-window}, raise
 * {@link SignalType#SIGN_IN_FAILURES_ACCOUNT} or {@link SignalType#SIGN_IN_FAILURES_ADDRESS}, and the same
 * signal is not raised again for the same principal within a window. Counted by {@link SignalBursts}, shared
 * by every instance with the rate limiter's PostgreSQL store. Addresses are kept as {@link AddressHashes keyed hashes}, never as they are.
 * Thread-safe.
 */
public final class SignInFailures {

    private final SecuritySignals signals;
    private final AddressHashes addresses;
    private final SignalBursts bursts;
    private final SignalsProperties properties;

    public SignInFailures(
            SecuritySignals signals, AddressHashes addresses, SignalBursts bursts, SignalsProperties properties) {
        this.signals = signals;
        this.addresses = addresses;
        this.bursts = bursts;
        this.properties = properties;
    }

    /**
     * A failed sign-in in the tenant, on the account (null when the address named none) and from the
     * client address (null when unknown).
     */
    public void failed(UUID tenantId, UUID userId, String clientAddress) {
        if (userId != null) {
            String principal = "user:" + userId;
            int threshold = properties.signInFailuresPerAccount();
            if (bursts.reached(
                    SignalType.SIGN_IN_FAILURES_ACCOUNT.label(),
                    tenantId + "/" + principal,
                    threshold,
                    properties.signInWindow())) {
                signals.raise(tenantId, SignalType.SIGN_IN_FAILURES_ACCOUNT, principal, facts(threshold));
            }
        }
        if (clientAddress != null) {
            String principal = "address:" + addresses.label(clientAddress);
            int threshold = properties.signInFailuresPerAddress();
            if (bursts.reached(
                    SignalType.SIGN_IN_FAILURES_ADDRESS.label(), principal, threshold, properties.signInWindow())) {
                signals.raise(tenantId, SignalType.SIGN_IN_FAILURES_ADDRESS, principal, facts(threshold));
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
}
