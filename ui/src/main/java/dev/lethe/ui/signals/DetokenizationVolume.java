package dev.lethe.ui.signals;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.tenant.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Watches how many values each principal reveals: after each detokenization, the values the principal
 * revealed within the last hour are summed from the audit chain (its {@code vault.detokenize} entries,
 * so every instance sees the same figure) and, above {@code lethe.signals.detokenize-per-hour}, a
 * {@link SignalType#DETOKENIZATION_VOLUME} signal is raised, at most once an hour per principal. People
 * and API keys are watched; Lethe's own components (system actors) are not.
 */
public final class DetokenizationVolume {

    static final Duration WINDOW = Duration.ofHours(1);

    private final DSLContext dsl;
    private final SecuritySignals signals;
    private final int threshold;
    private final Clock clock;

    public DetokenizationVolume(DSLContext dsl, SecuritySignals signals, SignalsProperties properties, Clock clock) {
        this.dsl = dsl;
        this.signals = signals;
        this.threshold = properties.detokenizePerHour();
        this.clock = clock;
    }

    /** Called after a detokenization by {@code actor} was audited. */
    public void detokenized(UUID tenantId, Actor actor) {
        if (actor.kind() == Actor.Kind.SYSTEM) {
            // Lethe's own work (assembling an export package for a request) is bound to that request.
            return;
        }
        Instant since = clock.instant().minus(WINDOW);
        long revealed = TenantContext.callAs(tenantId, () -> revealedSince(tenantId, actor, since));
        if (revealed <= threshold) {
            return;
        }
        String principal = principal(actor);
        if (signals.raisedSince(tenantId, SignalType.DETOKENIZATION_VOLUME, principal, since)) {
            return;
        }
        signals.raise(
                tenantId,
                SignalType.DETOKENIZATION_VOLUME,
                principal,
                Map.of("revealedLastHour", Long.toString(revealed), "threshold", Integer.toString(threshold)));
    }

    private long revealedSince(UUID tenantId, Actor actor, Instant since) {
        var revealed = DSL.field("(details ->> 'revealed')::bigint", SQLDataType.BIGINT);
        Long sum = dsl.select(DSL.coalesce(DSL.sum(revealed), DSL.inline(java.math.BigDecimal.ZERO)))
                .from(DSL.table("audit_entry"))
                .where(DSL.field("tenant_id", SQLDataType.UUID).eq(tenantId))
                .and(DSL.field("actor_id", SQLDataType.VARCHAR).eq(actor.id()))
                .and(DSL.field("actor_kind", SQLDataType.VARCHAR)
                        .eq(actor.kind().name()))
                .and(DSL.field("action", SQLDataType.VARCHAR).eq("vault.detokenize"))
                .and(DSL.field("recorded_at", SQLDataType.TIMESTAMPWITHTIMEZONE).ge(since.atOffset(ZoneOffset.UTC)))
                .fetchOne(0, Long.class);
        return sum == null ? 0 : sum;
    }

    static String principal(Actor actor) {
        return switch (actor.kind()) {
            case USER -> "user:" + actor.id();
            case API_KEY -> "api-key:" + actor.id();
            case SYSTEM -> "system:" + actor.id();
        };
    }
}
