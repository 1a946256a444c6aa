package dev.lethe.ui.portal;

import dev.lethe.ui.signals.AddressHashes;
import dev.lethe.ui.signals.SecuritySignals;
import dev.lethe.ui.signals.SignalType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The portal's anomaly signals, raised through {@link SecuritySignals} (an audit entry of the tenant, the
 * {@code lethe.security.signals} counter tagged with the type, the admins' security page): a burst of
 * code sends from one address or to one identity ({@link SignalType#PORTAL_CODE_SENDS}), many wrong or
 * expired codes from one address ({@link SignalType#PORTAL_FAILED_CODES}), and filings for many different
 * identities from one address ({@link SignalType#PORTAL_IDENTITIES_PER_ADDRESS}) — someone enumerating or
 * flooding people with mail. Each threshold is reached within {@code lethe.portal.signals.window}; the count
 * then starts again, so a steady attack raises one signal per threshold, not one per request.
 *
 * <p>No personal data: an address is named by {@link AddressHashes#label} ({@code address:<hash>}, as in
 * the sign-in signals), an identity by its {@code send-identity} rate-limit bucket name (a keyed hash under
 * the limiter's secret). The different identities from one address are kept as those bucket names too.
 * Counted in this instance's memory (a bounded map): behind a load balancer spreading one client over n
 * instances a burst must be up to n times larger before it is seen. Thread-safe.
 */
final class PortalSignals {

    private static final int MAX_KEYS = 10_000;

    private final SecuritySignals signals;
    private final AddressHashes addresses;
    private final PortalAbuseProperties.Signals thresholds;
    private final Clock clock;
    private final Map<String, Deque<Instant>> bursts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_KEYS;
        }
    };
    private final Map<String, Map<String, Instant>> identities = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Instant>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    PortalSignals(
            SecuritySignals signals, AddressHashes addresses, PortalAbuseProperties.Signals thresholds, Clock clock) {
        this.signals = signals;
        this.addresses = addresses;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    /** A code was mailed on behalf of {@code address} to the identity whose bucket is {@code identityBucket}. */
    void codeSent(UUID tenantId, String address, String identityBucket) {
        String byAddress = principal(address);
        burst(tenantId, SignalType.PORTAL_CODE_SENDS, byAddress, thresholds.codeSendsPerAddress(), "codesSent");
        burst(tenantId, SignalType.PORTAL_CODE_SENDS, identityBucket, thresholds.codeSendsPerIdentity(), "codesSent");
    }

    /** A wrong or expired code was entered from {@code address}. */
    void codeFailed(UUID tenantId, String address) {
        burst(
                tenantId,
                SignalType.PORTAL_FAILED_CODES,
                principal(address),
                thresholds.failedCodesPerAddress(),
                "failedCodes");
    }

    /** A request was filed (or tried) from {@code address} for the identity whose bucket is {@code identityBucket}. */
    void filedFor(UUID tenantId, String address, String identityBucket) {
        String principal = principal(address);
        Instant now = clock.instant();
        int count;
        synchronized (this) {
            Map<String, Instant> seen =
                    identities.computeIfAbsent(tenantId + "/" + principal, k -> new LinkedHashMap<>());
            Instant start = now.minus(thresholds.window());
            seen.values().removeIf(at -> at.isBefore(start));
            seen.put(identityBucket, now);
            count = seen.size();
            if (count >= thresholds.identitiesPerAddress()) {
                identities.remove(tenantId + "/" + principal);
            }
        }
        if (count >= thresholds.identitiesPerAddress()) {
            signals.raise(tenantId, SignalType.PORTAL_IDENTITIES_PER_ADDRESS, principal, facts("identities", count));
        }
    }

    private void burst(UUID tenantId, SignalType type, String principal, int threshold, String fact) {
        Instant now = clock.instant();
        int count;
        synchronized (this) {
            String key = tenantId + "/" + type.label() + "/" + principal;
            Deque<Instant> window = bursts.computeIfAbsent(key, k -> new ArrayDeque<>());
            Instant start = now.minus(thresholds.window());
            while (!window.isEmpty() && window.peekFirst().isBefore(start)) {
                window.pollFirst();
            }
            window.addLast(now);
            count = window.size();
            if (count >= threshold) {
                bursts.remove(key);
            }
        }
        if (count >= threshold) {
            signals.raise(tenantId, type, principal, facts(fact, count));
        }
    }

    private Map<String, String> facts(String fact, int count) {
        return Map.of(
                fact, Integer.toString(count), "window", thresholds.window().toString());
    }

    private String principal(String address) {
        return "address:" + addresses.label(address);
    }
}
