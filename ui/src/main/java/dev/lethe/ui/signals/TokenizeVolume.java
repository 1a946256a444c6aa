package dev.lethe.ui.signals;

import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.tenant.TenantContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Watches how many values each principal tokenizes through the API. Deterministic tokens answer the
 * same token for the same value, so someone who holds a token can test guesses by tokenizing them (an
 * equality oracle); auditing every tokenization would weigh on every pipeline, so only counts are kept:
 * per principal and minute in {@code tokenize_volume} (V31), in PostgreSQL so that every instance adds
 * to the same figure. Above {@code lethe.signals.tokenize-per-hour} within the last hour a {@link
 * SignalType#TOKENIZE_VOLUME} signal is raised, at most once an hour per principal. A few targeted
 * guesses stay below any threshold that everyday tokenizing allows. Thread-safe.
 */
public final class TokenizeVolume {

    static final Duration WINDOW = Duration.ofHours(1);
    private static final Duration KEPT = Duration.ofHours(2);
    private static final Table<?> TABLE = DSL.table("tokenize_volume");
    private static final Field<UUID> TENANT = DSL.field("tenant_id", SQLDataType.UUID);
    private static final Field<String> PRINCIPAL = DSL.field("principal", SQLDataType.VARCHAR);
    private static final Field<OffsetDateTime> MINUTE = DSL.field("minute_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
    private static final Field<Long> TOKENIZED = DSL.field("tokenized", SQLDataType.BIGINT);
    /** The stored count, named with its table: in an upsert's update, {@code excluded} has the column too. */
    private static final Field<Long> STORED = DSL.field(DSL.name("tokenize_volume", "tokenized"), SQLDataType.BIGINT);

    private final DSLContext dsl;
    private final SecuritySignals signals;
    private final int threshold;
    private final Clock clock;

    public TokenizeVolume(DSLContext dsl, SecuritySignals signals, SignalsProperties properties, Clock clock) {
        this.dsl = dsl;
        this.signals = signals;
        this.threshold = properties.tokenizePerHour();
        this.clock = clock;
    }

    /** Called after {@code actor} tokenized {@code values} values of the tenant through the API. */
    public void tokenized(UUID tenantId, Actor actor, int values) {
        if (values < 1 || actor.kind() == Actor.Kind.SYSTEM) {
            return;
        }
        String principal = DetokenizationVolume.principal(actor);
        Instant now = clock.instant();
        long lastHour = TenantContext.callAs(tenantId, () -> add(tenantId, principal, values, now));
        if (lastHour <= threshold) {
            return;
        }
        Instant since = now.minus(WINDOW);
        if (signals.raisedSince(tenantId, SignalType.TOKENIZE_VOLUME, principal, since)) {
            return;
        }
        signals.raise(
                tenantId,
                SignalType.TOKENIZE_VOLUME,
                principal,
                Map.of("tokenizedLastHour", Long.toString(lastHour), "threshold", Integer.toString(threshold)));
    }

    /** Adds the values to the principal's minute and answers its sum over the last hour. */
    private long add(UUID tenantId, String principal, int values, Instant now) {
        OffsetDateTime minute = now.truncatedTo(ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC);
        return dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            tx.insertInto(TABLE, TENANT, PRINCIPAL, MINUTE, TOKENIZED)
                    .values(tenantId, principal, minute, (long) values)
                    .onConflict(TENANT, PRINCIPAL, MINUTE)
                    .doUpdate()
                    .set(TOKENIZED, STORED.plus(values))
                    .execute();
            tx.deleteFrom(TABLE)
                    .where(TENANT.eq(tenantId))
                    .and(PRINCIPAL.eq(principal))
                    .and(MINUTE.lt(minute.minus(KEPT)))
                    .execute();
            Long sum = tx.select(DSL.coalesce(DSL.sum(TOKENIZED), DSL.inline(BigDecimal.ZERO)))
                    .from(TABLE)
                    .where(TENANT.eq(tenantId))
                    .and(PRINCIPAL.eq(principal))
                    .and(MINUTE.gt(minute.minus(WINDOW)))
                    .fetchOne(0, Long.class);
            return sum == null ? 0 : sum;
        });
    }
}
