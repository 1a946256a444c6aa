package dev.lethe.ui.signin;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.TenantContext;
import java.util.Map;
import java.util.UUID;

/**
 * Every sign-in, failure, sign-out and account change in the tenant's audit trail: who (the
 * account's id, never its e-mail address), what, and why it failed.
 */
public final class SignInAudit {

    /** The actor of failures where no account is known (an unknown address). */
    static final Actor SIGN_IN = Actor.system("sign-in");

    private final AuditTrail trail;

    public SignInAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(UUID tenantId, Actor actor, String action, UUID userId, Map<String, String> details) {
        String target = userId == null ? "" : "user:" + userId;
        TenantContext.runAs(tenantId, () -> trail.append(new AuditEvent(tenantId, actor, action, target, details)));
    }

    /** An action of the person on their own account. */
    public void own(UUID tenantId, UUID userId, String action, Map<String, String> details) {
        record(tenantId, Actor.user(userId.toString()), action, userId, details);
    }
}
