package dev.lethe.ui.portal;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.ui.limits.RateLimit;
import dev.lethe.ui.limits.RateLimitExceeded;
import dev.lethe.ui.limits.RateLimiter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which limits hold for a tenant ({@link PortalAbuseProperties#limitsOf}), and whether a form must carry a
 * solved proof of work: once the client address, or the identity, has used {@code
 * lethe.portal.challenge.from} of a bucket the action takes from ({@code file}: filings and code sends;
 * {@code resend}: code sends). Reading a bucket takes nothing from it. Each solved challenge is spent in a
 * bucket of its own ({@code challenge-used:<hash of the nonce>}, capacity 1, refilled after twice the
 * validity), so with the PostgreSQL store a solution is good once across every instance. The challenges'
 * HMAC key is the limiter's keyed hash of a fixed label: the same on every instance on the database, random
 * per instance with the memory store. Thread-safe.
 */
final class PortalGuard {

    static final String FILE = "file";
    static final String RESEND = "resend";

    private final RateLimiter limiter;
    private final PortalProperties properties;
    private final PortalAbuseProperties abuse;
    private final Clock clock;
    private final Function<UUID, Optional<PortalProperties.Limits>> stored;
    private volatile ProofOfWork work;

    PortalGuard(RateLimiter limiter, PortalProperties properties, PortalAbuseProperties abuse, Clock clock) {
        this(limiter, properties, abuse, clock, tenant -> Optional.empty());
    }

    /** {@code stored}: the limits an ADMIN set for a tenant ({@link PortalLimits#stored}), read on every call. */
    PortalGuard(
            RateLimiter limiter,
            PortalProperties properties,
            PortalAbuseProperties abuse,
            Clock clock,
            Function<UUID, Optional<PortalProperties.Limits>> stored) {
        this.limiter = limiter;
        this.properties = properties;
        this.abuse = abuse;
        this.clock = clock;
        this.stored = stored;
    }

    /**
     * The tenant's limits: those an ADMIN set ({@code PUT /api/v1/portal/limits/{tenant}}), else {@code
     * lethe.portal.tenants.<slug>.limits.*} over {@code lethe.portal.limits.*}.
     */
    PortalProperties.Limits limits(Tenant tenant) {
        return stored.apply(tenant.id()).orElseGet(() -> abuse.limitsOf(tenant.slug(), properties.limits()));
    }

    /** The name of the identity's code-send bucket: how signals name an identity (a keyed hash). */
    String identityBucket(Tenant tenant, String email) {
        return limiter.bucket("send-identity", RateLimits.identity(tenant.id(), email));
    }

    /**
     * A new challenge for the form when the address (or, when known, the identity: an e-mail address) is
     * near a limit of the action; empty otherwise.
     */
    Optional<ProofOfWork.Challenge> challenge(Tenant tenant, String action, String address, String email) {
        if (!pressed(tenant, action, address, email)) {
            return Optional.empty();
        }
        PortalAbuseProperties.Challenge settings = abuse.challenge();
        return Optional.of(work().issue(tenant.id(), action, settings.difficulty(), settings.validity()));
    }

    /**
     * Why the action may not go ahead for want of a solved challenge; empty when none is needed, or the
     * one sent is solved (it is then spent).
     */
    Optional<ProofOfWork.Outcome> refusal(
            Tenant tenant, String action, String address, String email, String challenge, String solution) {
        if (!pressed(tenant, action, address, email)) {
            return Optional.empty();
        }
        ProofOfWork.Outcome outcome = work().check(tenant.id(), action, challenge, solution, this::firstUse);
        return outcome == ProofOfWork.Outcome.SOLVED ? Optional.empty() : Optional.of(outcome);
    }

    /**
     * Whether a bucket the action takes from has {@code from} of its capacity used. Not when one is empty:
     * then the limit itself answers ({@code 429}), as no solution could let the action through.
     */
    private boolean pressed(Tenant tenant, String action, String address, String email) {
        if (!abuse.challenge().enabled()) {
            return false;
        }
        List<double[]> levels = levels(tenant, action, address, email);
        double from = abuse.challenge().from();
        // Whole tokens: the refill since the last take (a fraction) does not put a client back below.
        boolean near = levels.stream().anyMatch(level -> Math.floor(level[0] + 1e-9) <= level[1] * (1 - from) + 1e-9);
        boolean empty = levels.stream().anyMatch(level -> level[0] < 1 - 1e-9);
        return near && !empty;
    }

    /** The tokens available in, and the capacity of, each bucket the action takes from. */
    private List<double[]> levels(Tenant tenant, String action, String address, String email) {
        PortalProperties.Limits limit = limits(tenant);
        boolean filing = FILE.equals(action);
        List<double[]> levels = new ArrayList<>();
        if (filing) {
            levels.add(level(
                    "submit-address", RateLimits.address(tenant.id(), address), limit.submissionsPerAddress(), limit));
        }
        levels.add(level("send-address", RateLimits.address(tenant.id(), address), limit.codeSendsPerAddress(), limit));
        if (email != null) {
            String identity = RateLimits.identity(tenant.id(), email);
            if (filing) {
                levels.add(level("submit-identity", identity, limit.submissionsPerIdentity(), limit));
            }
            levels.add(level("send-identity", identity, limit.codeSendsPerIdentity(), limit));
        }
        return levels;
    }

    private double[] level(String kind, String value, int capacity, PortalProperties.Limits limit) {
        RateLimit bucket = new RateLimit(capacity, limit.window());
        return new double[] {limiter.available(limiter.bucket(kind, value), bucket), capacity};
    }

    private boolean firstUse(String nonce) {
        try {
            limiter.take(
                    limiter.bucket("challenge-used", nonce),
                    new RateLimit(1, abuse.challenge().validity().multipliedBy(2)));
            return true;
        } catch (RateLimitExceeded e) {
            return false;
        }
    }

    private ProofOfWork work() {
        ProofOfWork known = work;
        if (known == null) {
            String name = limiter.bucket("challenge-key", "v1");
            known = new ProofOfWork(HexFormat.of().parseHex(name.substring(name.indexOf(':') + 1)), clock);
            work = known;
        }
        return known;
    }
}
