package dev.lethe.ui.tenants;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.users.UserManagement;
import dev.lethe.ui.users.UserRequests.Invitation;
import dev.lethe.ui.users.UserRequests.Invited;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants, for the platform administrator: an ADMIN of the default tenant with the admin scope (the
 * security chain asks for the scope; this controller for the role and the tenant). Creating a tenant
 * can invite its first ADMIN at once ({@code adminEmail}): the answer then carries their one-time set-up
 * link, shown this once, as the first start does for the default tenant. Audited in the default
 * tenant's trail ({@code tenant.created}) and, for the invitation, in the new tenant's.
 */
@RestController
@RequestMapping("/api/v1/tenants")
@PreAuthorize("hasRole('ADMIN')")
class TenantsController {

    /** What the database accepts too (tenant_slug_format): lower-case letters, digits and dashes. */
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    /** {@code POST /api/v1/tenants}; {@code adminEmail} (and optionally {@code adminName}) invites the first ADMIN. */
    record NewTenant(String slug, String name, String adminEmail, String adminName) {}

    record TenantView(UUID id, String slug, String name) {
        static TenantView of(Tenant tenant) {
            return new TenantView(tenant.id(), tenant.slug(), tenant.name());
        }
    }

    /** The new tenant, and its first ADMIN's set-up link when one was invited (else null). */
    record CreatedTenant(TenantView tenant, Invited admin) {}

    private final Tenants tenants;
    private final UserManagement users;
    private final AuditTrail trail;

    TenantsController(Tenants tenants, UserManagement users, AuditTrail trail) {
        this.tenants = tenants;
        this.users = users;
        this.trail = trail;
    }

    @GetMapping
    List<TenantView> list(LetheAuthentication caller) {
        requirePlatformAdmin(caller);
        return tenants.all().stream().map(TenantView::of).toList();
    }

    @GetMapping("/{id}")
    TenantView one(LetheAuthentication caller, @PathVariable UUID id) {
        requirePlatformAdmin(caller);
        return tenants.find(id)
                .map(TenantView::of)
                .orElseThrow(() -> new TenantProblem(HttpStatus.NOT_FOUND, "No tenant with this id"));
    }

    @PostMapping
    ResponseEntity<CreatedTenant> create(LetheAuthentication caller, @RequestBody NewTenant request) {
        requirePlatformAdmin(caller);
        String slug = request.slug() == null ? "" : request.slug().strip();
        if (!SLUG.matcher(slug).matches()) {
            throw new TenantProblem(
                    HttpStatus.BAD_REQUEST,
                    "slug must be 2 to 63 lower-case letters, digits and dashes, starting with a letter or digit");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new TenantProblem(HttpStatus.BAD_REQUEST, "name must be 1 to 200 characters");
        }
        Invitation invitation = null;
        if (request.adminEmail() != null && !request.adminEmail().isBlank()) {
            String adminName =
                    request.adminName() == null || request.adminName().isBlank()
                            ? "Administrator"
                            : request.adminName();
            // Checked before the tenant exists, so a bad address leaves nothing half made.
            invitation = UserManagement.checked(new Invitation(request.adminEmail(), adminName, Set.of(Role.ADMIN)));
        }
        if (tenants.findBySlug(slug).isPresent()) {
            throw new TenantProblem(HttpStatus.CONFLICT, "Another tenant has this slug");
        }
        Tenant tenant;
        try {
            tenant = tenants.create(slug, name);
        } catch (RuntimeException e) {
            // Another request took the slug between the check above and this insert.
            if (uniqueViolation(e)) {
                throw new TenantProblem(HttpStatus.CONFLICT, "Another tenant has this slug");
            }
            throw e;
        }
        boolean withAdmin = invitation != null;
        TenantContext.runAs(
                Tenant.DEFAULT_ID,
                () -> trail.append(new AuditEvent(
                        Tenant.DEFAULT_ID,
                        caller.actor(),
                        "tenant.created",
                        "tenant:" + tenant.id(),
                        Map.of("slug", slug, "adminInvited", Boolean.toString(withAdmin)))));
        Invited admin = invitation == null ? null : invite(tenant, caller, invitation);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Cache-Control", "no-store")
                .body(new CreatedTenant(TenantView.of(tenant), admin));
    }

    private Invited invite(Tenant tenant, LetheAuthentication caller, Invitation invitation) {
        return TenantContext.callAs(tenant.id(), () -> users.invite(tenant.id(), caller.actor(), invitation));
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void requirePlatformAdmin(LetheAuthentication caller) {
        if (!Tenant.DEFAULT_ID.equals(caller.tenantId())) {
            throw new AccessDeniedException("only the default tenant's ADMINs manage tenants");
        }
    }
}
