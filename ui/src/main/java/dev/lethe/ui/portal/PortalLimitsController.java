package dev.lethe.ui.portal;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.change.InvalidInputException;
import dev.lethe.catalog.change.NotFoundException;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.ui.api.Caller;
import dev.lethe.ui.api.WritableBy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/portal/limits/{tenant}}: a tenant's portal rate limits, read and changed by its ADMIN without a
 * restart ({@link PortalLimits}); {@code {tenant}} is the caller's own tenant's slug (another is {@code 404}).
 * {@code DELETE} goes back to the configured limits. See docs/portal.md#limits-per-tenant.
 */
@WritableBy(Role.ADMIN)
@RestController
@RequestMapping("/api/v1/portal/limits/{tenant}")
class PortalLimitsController {

    static final Set<Role> ADMINS = Set.of(Role.ADMIN);
    private static final int MAX = 1_000_000;
    private static final Duration LONGEST = Duration.ofDays(7);

    /** The limits as written; every field is required. {@code window}: an ISO-8601 duration such as {@code PT1H}. */
    record LimitsBody(
            Integer submissionsPerAddress,
            Integer submissionsPerIdentity,
            Integer codeSendsPerAddress,
            Integer codeSendsPerIdentity,
            Integer codeAttemptsPerAddress,
            String window) {}

    /** The limits that hold; {@code source}: {@code database} (set here) or {@code configuration}. */
    record LimitsView(
            String tenant,
            int submissionsPerAddress,
            int submissionsPerIdentity,
            int codeSendsPerAddress,
            int codeSendsPerIdentity,
            int codeAttemptsPerAddress,
            String window,
            String source) {}

    private final Tenants tenants;
    private final PortalLimits limits;
    private final PortalGuard guard;

    PortalLimitsController(Tenants tenants, PortalLimits limits, PortalGuard guard) {
        this.tenants = tenants;
        this.limits = limits;
        this.guard = guard;
    }

    @GetMapping
    LimitsView get(Authentication auth, @PathVariable("tenant") String slug) {
        return view(own(Caller.editor(auth, ADMINS), slug));
    }

    @PutMapping
    LimitsView put(Authentication auth, @PathVariable("tenant") String slug, @RequestBody LimitsBody body) {
        Editor admin = Caller.editor(auth, ADMINS);
        Tenant tenant = own(admin, slug);
        limits.set(admin, parse(body));
        return view(tenant);
    }

    @DeleteMapping
    ResponseEntity<LimitsView> reset(Authentication auth, @PathVariable("tenant") String slug) {
        Editor admin = Caller.editor(auth, ADMINS);
        Tenant tenant = own(admin, slug);
        limits.reset(admin);
        return ResponseEntity.ok(view(tenant));
    }

    /** The caller's tenant when the slug names it; another tenant's, or none, is not found alike. */
    private Tenant own(Editor caller, String slug) {
        return tenants.findBySlug(slug.length() > 63 ? "" : slug)
                .filter(tenant -> tenant.id().equals(caller.tenantId()))
                .orElseThrow(() -> new NotFoundException("tenant " + slug));
    }

    private LimitsView view(Tenant tenant) {
        boolean stored = limits.stored(tenant.id()).isPresent();
        PortalProperties.Limits holding = guard.limits(tenant);
        return new LimitsView(
                tenant.slug(),
                holding.submissionsPerAddress(),
                holding.submissionsPerIdentity(),
                holding.codeSendsPerAddress(),
                holding.codeSendsPerIdentity(),
                holding.codeAttemptsPerAddress(),
                holding.window().toString(),
                stored ? "database" : "configuration");
    }

    static PortalProperties.Limits parse(LimitsBody body) {
        if (body == null) {
            throw new InvalidInputException("the limits are required");
        }
        Duration window;
        try {
            window = body.window() == null ? null : Duration.parse(body.window().strip());
        } catch (DateTimeParseException e) {
            window = null;
        }
        if (window == null || window.toSeconds() < 1 || window.compareTo(LONGEST) > 0) {
            throw new InvalidInputException("window must be an ISO-8601 duration from PT1S to P7D, such as PT1H");
        }
        return new PortalProperties.Limits(
                count(body.submissionsPerAddress(), "submissionsPerAddress"),
                count(body.submissionsPerIdentity(), "submissionsPerIdentity"),
                count(body.codeSendsPerAddress(), "codeSendsPerAddress"),
                count(body.codeSendsPerIdentity(), "codeSendsPerIdentity"),
                count(body.codeAttemptsPerAddress(), "codeAttemptsPerAddress"),
                Duration.ofSeconds(window.toSeconds()));
    }

    private static int count(Integer value, String name) {
        if (value == null || value < 1 || value > MAX) {
            throw new InvalidInputException(name + " is required: a whole number from 1 to " + MAX);
        }
        return value;
    }
}
