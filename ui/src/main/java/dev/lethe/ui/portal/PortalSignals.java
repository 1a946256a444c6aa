package dev.lethe.ui.portal;

import dev.lethe.ui.signals.AddressHashes;
import dev.lethe.ui.signals.SecuritySignals;
import dev.lethe.ui.signals.SignalBursts;
import dev.lethe.ui.signals.SignalType;
import java.util.Map;
import java.util.UUID;

/**
 * The portal's anomaly signals, raised through {@link SecuritySignals} (an audit entry of the tenant, the
 * {@code lethe.security.signals} counter tagged with the type, the admins' security page): a burst of
 * code sends from one address or to one identity ({@link SignalType#PORTAL_CODE_SENDS}), many wrong or
 * expired codes from one address ({@link SignalType#PORTAL_FAILED_CODES}), and filings for many different
 * identities from one address ({@link SignalType#PORTAL_IDENTITIES_PER_ADDRESS}) — someone enumerating or
 * flooding people with mail.
 *
 * <p>Counted by {@link SignalBursts} within {@code lethe.portal.signals.window}, shared by every instance
 * with the rate limiter's PostgreSQL store; one signal per window and principal. Different identities are
 * counted once each per window.
 *
 * <p>No personal data: an address is named by {@link AddressHashes#label} ({@code address:<hash>}, as in
 * the sign-in signals), an identity by its {@code send-identity} rate-limit bucket name (a keyed hash under
 * the limiter's secret); the buckets' own names are keyed hashes of those. Thread-safe.
 */
final class PortalSignals {

    private final SecuritySignals signals;
    private final AddressHashes addresses;
    private final SignalBursts bursts;
    private final PortalAbuseProperties.Signals thresholds;

    PortalSignals(
            SecuritySignals signals,
            AddressHashes addresses,
            SignalBursts bursts,
            PortalAbuseProperties.Signals thresholds) {
        this.signals = signals;
        this.addresses = addresses;
        this.bursts = bursts;
        this.thresholds = thresholds;
    }

    /** A code was mailed on behalf of {@code address} to the identity whose bucket is {@code identityBucket}. */
    void codeSent(UUID tenantId, String address, String identityBucket) {
        String byAddress = principal(address);
        count(tenantId, SignalType.PORTAL_CODE_SENDS, byAddress, thresholds.codeSendsPerAddress(), "codesSent");
        count(tenantId, SignalType.PORTAL_CODE_SENDS, identityBucket, thresholds.codeSendsPerIdentity(), "codesSent");
    }

    /** A wrong or expired code was entered from {@code address}. */
    void codeFailed(UUID tenantId, String address) {
        count(
                tenantId,
                SignalType.PORTAL_FAILED_CODES,
                principal(address),
                thresholds.failedCodesPerAddress(),
                "failedCodes");
    }

    /** A request was filed (or tried) from {@code address} for the identity whose bucket is {@code identityBucket}. */
    void filedFor(UUID tenantId, String address, String identityBucket) {
        String principal = principal(address);
        if (bursts.firstInWindow(
                "signal-identity-seen", tenantId + "/" + principal + "/" + identityBucket, thresholds.window())) {
            count(
                    tenantId,
                    SignalType.PORTAL_IDENTITIES_PER_ADDRESS,
                    principal,
                    thresholds.identitiesPerAddress(),
                    "identities");
        }
    }

    private void count(UUID tenantId, SignalType type, String principal, int threshold, String fact) {
        if (bursts.reached(type.label(), tenantId + "/" + principal, threshold, thresholds.window())) {
            signals.raise(
                    tenantId,
                    type,
                    principal,
                    Map.of(
                            fact,
                            Integer.toString(threshold),
                            "window",
                            thresholds.window().toString()));
        }
    }

    private String principal(String address) {
        return "address:" + addresses.label(address);
    }
}
