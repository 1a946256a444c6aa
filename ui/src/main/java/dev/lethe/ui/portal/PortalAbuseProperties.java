package dev.lethe.ui.portal;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's abuse controls beyond the default limits ({@code lethe.portal.*}, beside {@link
 * PortalProperties}): the limits of single tenants, the proof-of-work challenge near a limit and the
 * thresholds of the anomaly signals. See docs/portal.md#limits.
 *
 * @param tenants per tenant slug, limits that differ from {@code lethe.portal.limits.*}
 *     ({@code lethe.portal.tenants.<slug>.limits.*}; the page settings of the same tenant sit beside them)
 * @param challenge when the portal asks the browser for a proof of work
 * @param signals when the portal raises a security signal
 */
@ConfigurationProperties("lethe.portal")
public record PortalAbuseProperties(
        Map<String, Tenant> tenants,
        @DefaultValue Challenge challenge,
        @DefaultValue Signals signals) {

    /** What one tenant overrides. */
    public record Tenant(TenantLimits limits) {}

    /**
     * A tenant's limits; each one left out keeps {@code lethe.portal.limits.*}.
     *
     * @param submissionsPerAddress requests filed from one IP address
     * @param submissionsPerIdentity requests filed for one identity
     * @param codeSendsPerAddress codes sent on behalf of one IP address
     * @param codeSendsPerIdentity codes sent to one identity
     * @param codeAttemptsPerAddress codes tried from one IP address
     * @param window the span each count is for
     */
    public record TenantLimits(
            Integer submissionsPerAddress,
            Integer submissionsPerIdentity,
            Integer codeSendsPerAddress,
            Integer codeSendsPerIdentity,
            Integer codeAttemptsPerAddress,
            Duration window) {

        PortalProperties.Limits over(PortalProperties.Limits defaults) {
            return new PortalProperties.Limits(
                    or(submissionsPerAddress, defaults.submissionsPerAddress()),
                    or(submissionsPerIdentity, defaults.submissionsPerIdentity()),
                    or(codeSendsPerAddress, defaults.codeSendsPerAddress()),
                    or(codeSendsPerIdentity, defaults.codeSendsPerIdentity()),
                    or(codeAttemptsPerAddress, defaults.codeAttemptsPerAddress()),
                    window == null ? defaults.window() : window);
        }

        private static int or(Integer value, int otherwise) {
            return value == null ? otherwise : value;
        }
    }

    /**
     * The proof of work a form asks for once an address or an identity has used {@code from} of one of
     * its buckets (filing, code sends).
     *
     * @param enabled false: never asked for (the limits still hold)
     * @param from the share of a bucket used from which on the challenge is asked (0.5: after half)
     * @param difficulty leading zero bits of the SHA-256 a solution must reach (each bit doubles the
     *     browser's work: 18 is about 260,000 hashes, a second or less)
     * @param validity how long a challenge may be answered
     */
    public record Challenge(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0.5") double from,
            @DefaultValue("18") int difficulty,
            @DefaultValue("10m") Duration validity) {

        public Challenge {
            if (from <= 0 || from > 1) {
                throw new IllegalArgumentException("lethe.portal.challenge.from must be above 0 and at most 1");
            }
            if (difficulty < 1 || difficulty > 32) {
                throw new IllegalArgumentException("lethe.portal.challenge.difficulty must be 1 to 32");
            }
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("lethe.portal.challenge.validity must be positive");
            }
        }
    }

    /**
     * How many of one thing within {@code window} raise a security signal (then the count starts again).
     *
     * @param codeSendsPerAddress codes sent on behalf of one address
     * @param codeSendsPerIdentity codes sent to one identity
     * @param failedCodesPerAddress wrong or expired codes entered from one address
     * @param identitiesPerAddress different identities filed for from one address
     * @param window the span of each count
     */
    public record Signals(
            @DefaultValue("10") int codeSendsPerAddress,
            @DefaultValue("4") int codeSendsPerIdentity,
            @DefaultValue("10") int failedCodesPerAddress,
            @DefaultValue("5") int identitiesPerAddress,
            @DefaultValue("15m") Duration window) {

        public Signals {
            for (int threshold :
                    new int[] {codeSendsPerAddress, codeSendsPerIdentity, failedCodesPerAddress, identitiesPerAddress
                    }) {
                if (threshold < 2) {
                    throw new IllegalArgumentException("lethe.portal.signals.* thresholds must be at least 2");
                }
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("lethe.portal.signals.window must be positive");
            }
        }
    }

    public PortalAbuseProperties {
        tenants = withoutNulls(tenants);
        tenants.forEach((slug, tenant) -> {
            TenantLimits limits = tenant == null ? null : tenant.limits();
            if (limits == null) {
                return;
            }
            for (Integer count : new Integer[] {
                limits.submissionsPerAddress(),
                limits.submissionsPerIdentity(),
                limits.codeSendsPerAddress(),
                limits.codeSendsPerIdentity(),
                limits.codeAttemptsPerAddress()
            }) {
                if (count != null && count < 1) {
                    throw new IllegalArgumentException("lethe.portal.tenants." + slug + ".limits.* must be at least 1");
                }
            }
            if (limits.window() != null
                    && (limits.window().isNegative() || limits.window().isZero())) {
                throw new IllegalArgumentException("lethe.portal.tenants." + slug + ".limits.window must be positive");
            }
        });
    }

    /**
     * The map without entries the binder left empty: {@code lethe.portal.tenants.<slug>} holds both a
     * tenant's page and its limits, and each record bound from it is null when only the other is set.
     */
    static <V> Map<String, V> withoutNulls(Map<String, V> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, V> kept = new java.util.LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (value != null) {
                kept.put(key, value);
            }
        });
        return Map.copyOf(kept);
    }

    /** The limits of the tenant with this slug: its own where set, else the defaults. */
    PortalProperties.Limits limitsOf(String slug, PortalProperties.Limits defaults) {
        Tenant tenant = tenants.get(slug);
        return tenant == null || tenant.limits() == null
                ? defaults
                : tenant.limits().over(defaults);
    }
}
