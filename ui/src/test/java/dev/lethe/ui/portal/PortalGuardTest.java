package dev.lethe.ui.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.ui.limits.MemoryRateLimiter;
import dev.lethe.ui.limits.RateLimit;
import dev.lethe.ui.limits.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When a form must carry a proof of work, and which limits hold for a tenant. */
class PortalGuardTest {

    private static final PortalProperties.Limits LIMITS =
            new PortalProperties.Limits(4, 3, 8, 4, 8, Duration.ofHours(1));
    private static final Tenant SHOP = new Tenant(UUID.randomUUID(), "shop", "Shop");
    private static final Tenant STRICT = new Tenant(UUID.randomUUID(), "strict", "Strict");

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T06:00:00Z"), ZoneOffset.UTC);
    private final RateLimiter limiter = new MemoryRateLimiter(clock);
    private final PortalGuard guard = new PortalGuard(limiter, properties(), abuse(true), clock);

    private static PortalProperties properties() {
        return new PortalProperties(
                new PortalProperties.Page("", "", "", "", Map.of()),
                Map.of(),
                Duration.ofMinutes(10),
                3,
                Duration.ofHours(24),
                Duration.ofMinutes(5),
                "",
                LIMITS,
                new PortalProperties.Mail("", 25, "", "", false, false, "", "privacy@localhost"));
    }

    private static PortalAbuseProperties abuse(boolean challenge) {
        return new PortalAbuseProperties(
                Map.of(
                        "strict",
                        new PortalAbuseProperties.Tenant(
                                new PortalAbuseProperties.TenantLimits(2, null, null, null, null, null))),
                new PortalAbuseProperties.Challenge(challenge, 0.5, 8, Duration.ofMinutes(10)),
                new PortalAbuseProperties.Signals(10, 4, 10, 5, Duration.ofMinutes(15)));
    }

    private void filed(Tenant tenant, String address) {
        PortalProperties.Limits limits = guard.limits(tenant);
        limiter.take(
                limiter.bucket("submit-address", RateLimits.address(tenant.id(), address)),
                new RateLimit(limits.submissionsPerAddress(), limits.window()));
    }

    @Test
    void aTenantsOwnLimitsOverrideOnlyWhatTheySet() {
        assertThat(guard.limits(SHOP)).isEqualTo(LIMITS);
        assertThat(guard.limits(STRICT)).isEqualTo(new PortalProperties.Limits(2, 3, 8, 4, 8, Duration.ofHours(1)));
    }

    @Test
    void theChallengeIsAskedForFromHalfOfABucketOnUntilItIsEmpty() {
        assertThat(guard.challenge(SHOP, PortalGuard.FILE, "192.0.2.1", null)).isEmpty();
        filed(SHOP, "192.0.2.1");
        assertThat(guard.challenge(SHOP, PortalGuard.FILE, "192.0.2.1", null)).isEmpty();
        filed(SHOP, "192.0.2.1");
        assertThat(guard.challenge(SHOP, PortalGuard.FILE, "192.0.2.1", null)).isPresent();
        assertThat(guard.challenge(SHOP, PortalGuard.RESEND, "192.0.2.1", null))
                .as("a new code takes no filing")
                .isEmpty();
        assertThat(guard.challenge(STRICT, PortalGuard.FILE, "192.0.2.1", null))
                .as("another tenant's buckets")
                .isEmpty();
        filed(SHOP, "192.0.2.1");
        filed(SHOP, "192.0.2.1");
        assertThat(guard.challenge(SHOP, PortalGuard.FILE, "192.0.2.1", null))
                .as("empty: the limit answers 429, no solution would help")
                .isEmpty();
    }

    @Test
    void aSolvedChallengeLetsTheActionThroughOnceAndAMissingOneIsRefused() {
        filed(SHOP, "192.0.2.2");
        filed(SHOP, "192.0.2.2");
        ProofOfWork.Challenge challenge =
                guard.challenge(SHOP, PortalGuard.FILE, "192.0.2.2", null).orElseThrow();
        String solution = solve(challenge);

        assertThat(guard.refusal(SHOP, PortalGuard.FILE, "192.0.2.2", null, "", ""))
                .contains(ProofOfWork.Outcome.MISSING);
        assertThat(guard.refusal(SHOP, PortalGuard.RESEND, "192.0.2.2", null, challenge.token(), solution))
                .as("not needed for a new code from this address")
                .isEmpty();
        assertThat(guard.refusal(SHOP, PortalGuard.FILE, "192.0.2.2", null, challenge.token(), solution))
                .isEmpty();
        assertThat(guard.refusal(SHOP, PortalGuard.FILE, "192.0.2.2", null, challenge.token(), solution))
                .isEqualTo(Optional.of(ProofOfWork.Outcome.REUSED));
    }

    @Test
    void anIdentityNearItsLimitNeedsTheChallengeFromAnyAddress() {
        PortalProperties.Limits limits = guard.limits(SHOP);
        String identity = RateLimits.identity(SHOP.id(), "Ann@Example.org");
        for (int i = 0; i < 2; i++) {
            limiter.take(
                    limiter.bucket("send-identity", identity),
                    new RateLimit(limits.codeSendsPerIdentity(), limits.window()));
        }

        assertThat(guard.challenge(SHOP, PortalGuard.RESEND, "192.0.2.3", "ann@example.org"))
                .isPresent();
        assertThat(guard.challenge(SHOP, PortalGuard.RESEND, "192.0.2.3", null)).isEmpty();
    }

    @Test
    void switchedOffNoChallengeIsEverAskedFor() {
        PortalGuard off = new PortalGuard(limiter, properties(), abuse(false), clock);
        filed(SHOP, "192.0.2.4");
        filed(SHOP, "192.0.2.4");
        assertThat(off.challenge(SHOP, PortalGuard.FILE, "192.0.2.4", null)).isEmpty();
        assertThat(off.refusal(SHOP, PortalGuard.FILE, "192.0.2.4", null, "", ""))
                .isEmpty();
    }

    @Test
    void badSettingsFailNamingTheProperty() {
        assertThatThrownBy(() -> new PortalAbuseProperties.Challenge(true, 0, 18, Duration.ofMinutes(1)))
                .hasMessageContaining("lethe.portal.challenge.from");
        assertThatThrownBy(() -> new PortalAbuseProperties.Challenge(true, 0.5, 40, Duration.ofMinutes(1)))
                .hasMessageContaining("lethe.portal.challenge.difficulty");
        assertThatThrownBy(() -> new PortalAbuseProperties(
                        Map.of(
                                "shop",
                                new PortalAbuseProperties.Tenant(
                                        new PortalAbuseProperties.TenantLimits(0, null, null, null, null, null))),
                        new PortalAbuseProperties.Challenge(true, 0.5, 18, Duration.ofMinutes(1)),
                        new PortalAbuseProperties.Signals(10, 4, 10, 5, Duration.ofMinutes(15))))
                .hasMessageContaining("lethe.portal.tenants.shop.limits");
    }

    private static String solve(ProofOfWork.Challenge challenge) {
        for (long n = 0; ; n++) {
            if (ProofOfWork.solves(challenge.token(), Long.toString(n), challenge.difficulty())) {
                return Long.toString(n);
            }
        }
    }
}
