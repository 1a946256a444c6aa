package dev.lethe.ui.signin;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ui.signals.SignInFailures;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Every sign-in, failure, sign-out and account change in the tenant's audit trail: who (the
 * account's id, never its e-mail address), what, and why it failed.
 */
public final class SignInAudit {

    /** The actor of failures where no account is known (an unknown address). */
    static final Actor SIGN_IN = Actor.system("sign-in");

    static final String FAILED = "user.sign_in.failed";

    private final AuditTrail trail;
    private final SignInFailures failures;

    /** @param failures told of every failed sign-in, for the sign-in burst signals */
    public SignInAudit(AuditTrail trail, SignInFailures failures) {
        this.trail = trail;
        this.failures = failures;
    }

    public void record(UUID tenantId, Actor actor, String action, UUID userId, Map<String, String> details) {
        String target = userId == null ? "" : "user:" + userId;
        TenantContext.runAs(tenantId, () -> trail.append(new AuditEvent(tenantId, actor, action, target, details)));
        if (FAILED.equals(action)) {
            failures.failed(tenantId, userId, clientAddress());
        }
    }

    /** The address of the connection the sign-in came over, when there is a request (not a header's). */
    private static String clientAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr()
                : null;
    }

    /** An action of the person on their own account. */
    public void own(UUID tenantId, UUID userId, String action, Map<String, String> details) {
        record(tenantId, Actor.user(userId.toString()), action, userId, details);
    }
}
