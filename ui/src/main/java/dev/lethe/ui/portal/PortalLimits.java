package dev.lethe.ui.portal;

import static dev.lethe.catalog.jooq.Tables.PORTAL_LIMITS;

import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.change.Editor;
import dev.lethe.catalog.tenant.TenantContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A tenant's portal limits as an ADMIN set them (table {@code portal_limits}), over the configured ones
 * ({@code lethe.portal.tenants.<slug>.limits.*}, {@code lethe.portal.limits.*}). Read on every limited portal
 * request, so a change holds from the next request on, on every instance. Each change is audited. Thread-safe.
 */
class PortalLimits {

    private final DSLContext dsl;
    private final AuditTrail audit;

    PortalLimits(DSLContext dsl, AuditTrail audit) {
        this.dsl = dsl;
        this.audit = audit;
    }

    /** The limits an ADMIN set for the tenant; empty when the configured ones hold. */
    Optional<PortalProperties.Limits> stored(UUID tenantId) {
        return TenantContext.callAs(
                tenantId,
                () -> dsl.selectFrom(PORTAL_LIMITS)
                        .where(PORTAL_LIMITS.TENANT_ID.eq(tenantId))
                        .fetchOptional(row -> new PortalProperties.Limits(
                                row.getSubmissionsPerAddress(),
                                row.getSubmissionsPerIdentity(),
                                row.getCodeSendsPerAddress(),
                                row.getCodeSendsPerIdentity(),
                                row.getCodeAttemptsPerAddress(),
                                Duration.ofSeconds(row.getWindowSeconds()))));
    }

    /** Sets the editor's tenant's limits (checked by the caller), audited as {@code portal.limits.changed}. */
    void set(Editor editor, PortalProperties.Limits limits) {
        UUID tenantId = editor.tenantId();
        int window = Math.toIntExact(limits.window().toSeconds());
        TenantContext.runAs(
                tenantId,
                () -> dsl.transaction(configuration -> {
                    DSL.using(configuration)
                            .insertInto(PORTAL_LIMITS)
                            .set(PORTAL_LIMITS.TENANT_ID, tenantId)
                            .set(PORTAL_LIMITS.SUBMISSIONS_PER_ADDRESS, limits.submissionsPerAddress())
                            .set(PORTAL_LIMITS.SUBMISSIONS_PER_IDENTITY, limits.submissionsPerIdentity())
                            .set(PORTAL_LIMITS.CODE_SENDS_PER_ADDRESS, limits.codeSendsPerAddress())
                            .set(PORTAL_LIMITS.CODE_SENDS_PER_IDENTITY, limits.codeSendsPerIdentity())
                            .set(PORTAL_LIMITS.CODE_ATTEMPTS_PER_ADDRESS, limits.codeAttemptsPerAddress())
                            .set(PORTAL_LIMITS.WINDOW_SECONDS, window)
                            .set(PORTAL_LIMITS.UPDATED_BY, editor.by())
                            .onConflict(PORTAL_LIMITS.TENANT_ID)
                            .doUpdate()
                            .set(PORTAL_LIMITS.SUBMISSIONS_PER_ADDRESS, limits.submissionsPerAddress())
                            .set(PORTAL_LIMITS.SUBMISSIONS_PER_IDENTITY, limits.submissionsPerIdentity())
                            .set(PORTAL_LIMITS.CODE_SENDS_PER_ADDRESS, limits.codeSendsPerAddress())
                            .set(PORTAL_LIMITS.CODE_SENDS_PER_IDENTITY, limits.codeSendsPerIdentity())
                            .set(PORTAL_LIMITS.CODE_ATTEMPTS_PER_ADDRESS, limits.codeAttemptsPerAddress())
                            .set(PORTAL_LIMITS.WINDOW_SECONDS, window)
                            .set(PORTAL_LIMITS.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                            .set(PORTAL_LIMITS.UPDATED_BY, editor.by())
                            .execute();
                    audit.append(new AuditEvent(
                            tenantId,
                            editor.actor(),
                            "portal.limits.changed",
                            "portal-limits",
                            Map.of(
                                    "submissionsPerAddress", Integer.toString(limits.submissionsPerAddress()),
                                    "submissionsPerIdentity", Integer.toString(limits.submissionsPerIdentity()),
                                    "codeSendsPerAddress", Integer.toString(limits.codeSendsPerAddress()),
                                    "codeSendsPerIdentity", Integer.toString(limits.codeSendsPerIdentity()),
                                    "codeAttemptsPerAddress", Integer.toString(limits.codeAttemptsPerAddress()),
                                    "window", limits.window().toString())));
                }));
    }

    /** Drops the editor's tenant's limits: the configured ones hold again. Audited as {@code portal.limits.reset}. */
    boolean reset(Editor editor) {
        UUID tenantId = editor.tenantId();
        return TenantContext.callAs(
                tenantId,
                () -> dsl.transactionResult(configuration -> {
                    int deleted = DSL.using(configuration)
                            .deleteFrom(PORTAL_LIMITS)
                            .where(PORTAL_LIMITS.TENANT_ID.eq(tenantId))
                            .execute();
                    if (deleted > 0) {
                        audit.append(new AuditEvent(
                                tenantId, editor.actor(), "portal.limits.reset", "portal-limits", Map.of()));
                    }
                    return deleted > 0;
                }));
    }
}
