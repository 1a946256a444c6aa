package dev.lethe.ui.reports;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.tenant.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The "access to personal data" report of a tenant: per principal (a person or an API key) and kind of
 * access, how many times, how many values, for which purposes and requests, first and last, within a
 * time range. Built from the audit chain alone, so it covers every instance and cannot leave out what
 * was audited. The kinds of access and the audit entries they come from are {@link #ACCESSES}.
 */
public final class PersonalDataAccess {

    /** The longest range one report covers. */
    public static final Duration MAX_RANGE = Duration.ofDays(366);

    /** The audit actions that are accesses to personal data, and how the report names them. */
    static final Map<String, String> ACCESSES = Map.of(
            "vault.detokenize", "detokenized values",
            "vault.detokenize_denied", "detokenization refused",
            "request.package.downloaded", "downloaded an export package",
            "locator.search", "located a subject (locator)",
            "connector.connection.located", "located a subject in a system",
            "request.identity_verified", "verified a requester's identity");

    /** One line of the report. */
    public record Line(
            String principalKind,
            String principalId,
            String principalName,
            String action,
            String access,
            long times,
            long values,
            List<String> purposes,
            long requests,
            Instant first,
            Instant last) {}

    private static final Field<String> ACTOR_KIND = DSL.field("actor_kind", SQLDataType.VARCHAR);
    private static final Field<String> ACTOR_ID = DSL.field("actor_id", SQLDataType.VARCHAR);
    private static final Field<String> ACTION = DSL.field("action", SQLDataType.VARCHAR);
    private static final Field<OffsetDateTime> RECORDED_AT =
            DSL.field("recorded_at", SQLDataType.TIMESTAMPWITHTIMEZONE);

    private final DSLContext dsl;
    private final Accounts accounts;

    public PersonalDataAccess(DSLContext dsl, Accounts accounts) {
        this.dsl = dsl;
        this.accounts = accounts;
    }

    /**
     * The report of {@code [from, to)}.
     *
     * @throws IllegalArgumentException when {@code from} is not before {@code to} or the range exceeds {@link #MAX_RANGE}
     */
    public List<Line> report(UUID tenantId, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("“from” must be before “to”");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("A report covers at most 366 days");
        }
        return TenantContext.callAs(
                        tenantId,
                        () -> dsl.select(
                                        ACTOR_KIND,
                                        ACTOR_ID,
                                        ACTION,
                                        DSL.count().as("times"),
                                        DSL.field("coalesce(sum((details ->> 'revealed')::bigint), 0)", Long.class)
                                                .as("values"),
                                        DSL.field(
                                                        "coalesce(string_agg(distinct details ->> 'purpose', '\u001f'), '')",
                                                        String.class)
                                                .as("purposes"),
                                        DSL.field(
                                                        "count(distinct coalesce(nullif(details ->> 'requestId', ''), case when target like"
                                                                + " 'request:%' then substr(target, 9) end))",
                                                        Long.class)
                                                .as("requests"),
                                        DSL.min(RECORDED_AT).as("first"),
                                        DSL.max(RECORDED_AT).as("last"))
                                .from(DSL.table("audit_entry"))
                                .where(DSL.field("tenant_id", SQLDataType.UUID).eq(tenantId))
                                .and(ACTION.in(ACCESSES.keySet()))
                                .and(RECORDED_AT.ge(from.atOffset(ZoneOffset.UTC)))
                                .and(RECORDED_AT.lt(to.atOffset(ZoneOffset.UTC)))
                                .groupBy(ACTOR_KIND, ACTOR_ID, ACTION)
                                .orderBy(ACTOR_KIND, ACTOR_ID, ACTION)
                                .fetch())
                .stream()
                .map(record -> line(tenantId, record))
                .toList();
    }

    private Line line(UUID tenantId, Record record) {
        String kind = record.get(ACTOR_KIND);
        String id = record.get(ACTOR_ID);
        String purposes = record.get("purposes", String.class);
        return new Line(
                kind,
                id,
                name(tenantId, kind, id),
                record.get(ACTION),
                ACCESSES.get(record.get(ACTION)),
                record.get("times", Long.class),
                record.get("values", Long.class),
                purposes.isEmpty()
                        ? List.of()
                        : Arrays.stream(purposes.split("\u001f")).sorted().toList(),
                record.get("requests", Long.class),
                record.get("first", OffsetDateTime.class).toInstant(),
                record.get("last", OffsetDateTime.class).toInstant());
    }

    /** A person's display name (their colleagues' report names them); empty for keys and the system. */
    private String name(UUID tenantId, String kind, String id) {
        if (!"USER".equals(kind)) {
            return "";
        }
        try {
            UUID userId = UUID.fromString(id);
            Optional<Account> account = TenantContext.callAs(tenantId, () -> accounts.find(tenantId, userId));
            return account.map(Account::displayName).orElse("");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
