package dev.lethe.catalog.audit;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant-scoped, hash-chained audit trail. Appends are serialised per tenant (a transaction
 * advisory lock on the tenant), so the chain never forks; reads and verification stream. Thread-safe.
 */
public final class AuditTrail {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};

    private final DSLContext dsl;

    public AuditTrail(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Appends an entry to the tenant's chain and returns it with its sequence number and hash. */
    public AuditEntry append(AuditEvent event) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            tx.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.val(lockKey(event.tenantId()))))
                    .fetch();
            Record head = tx.select(AUDIT_ENTRY.SEQ, AUDIT_ENTRY.HASH)
                    .from(AUDIT_ENTRY)
                    .where(AUDIT_ENTRY.TENANT_ID.eq(event.tenantId()))
                    .orderBy(AUDIT_ENTRY.SEQ.desc())
                    .limit(1)
                    .fetchOne();
            long seq = head == null ? 1 : head.get(AUDIT_ENTRY.SEQ) + 1;
            String previous = head == null ? ChainHash.GENESIS : head.get(AUDIT_ENTRY.HASH);
            Instant now = ChainHash.truncate(Instant.now());
            String hash = ChainHash.of(
                    event.tenantId(),
                    seq,
                    now,
                    event.actor(),
                    event.action(),
                    event.target(),
                    event.details(),
                    previous);
            tx.insertInto(AUDIT_ENTRY)
                    .set(AUDIT_ENTRY.TENANT_ID, event.tenantId())
                    .set(AUDIT_ENTRY.SEQ, seq)
                    .set(AUDIT_ENTRY.RECORDED_AT, now.atOffset(ZoneOffset.UTC))
                    .set(AUDIT_ENTRY.ACTOR_KIND, event.actor().kind().name())
                    .set(AUDIT_ENTRY.ACTOR_ID, event.actor().id())
                    .set(AUDIT_ENTRY.ACTION, event.action())
                    .set(AUDIT_ENTRY.TARGET, event.target())
                    .set(AUDIT_ENTRY.DETAILS, JSONB.valueOf(JSON.writeValueAsString(event.details())))
                    .set(AUDIT_ENTRY.PREVIOUS_HASH, previous)
                    .set(AUDIT_ENTRY.HASH, hash)
                    .execute();
            return new AuditEntry(
                    event.tenantId(),
                    seq,
                    now,
                    event.actor(),
                    event.action(),
                    event.target(),
                    event.details(),
                    previous,
                    hash);
        });
    }

    /** One page of the tenant's trail, newest first. */
    public List<AuditEntry> page(UUID tenantId, AuditQuery query) {
        List<Condition> conditions = new ArrayList<>(List.of(AUDIT_ENTRY.TENANT_ID.eq(tenantId)));
        if (query.from() != null) {
            conditions.add(AUDIT_ENTRY.RECORDED_AT.ge(query.from().atOffset(ZoneOffset.UTC)));
        }
        if (query.to() != null) {
            conditions.add(AUDIT_ENTRY.RECORDED_AT.lt(query.to().atOffset(ZoneOffset.UTC)));
        }
        if (query.actorId() != null) {
            conditions.add(AUDIT_ENTRY.ACTOR_ID.eq(query.actorId()));
        }
        if (query.action() != null) {
            conditions.add(AUDIT_ENTRY.ACTION.eq(query.action()));
        }
        if (query.target() != null) {
            conditions.add(AUDIT_ENTRY.TARGET.eq(query.target()));
        }
        if (query.beforeSeq() != null) {
            conditions.add(AUDIT_ENTRY.SEQ.lt(query.beforeSeq()));
        }
        return dsl.selectFrom(AUDIT_ENTRY)
                .where(conditions)
                .orderBy(AUDIT_ENTRY.SEQ.desc())
                .limit(query.limit())
                .fetch(AuditTrail::toEntry);
    }

    /** Recomputes the tenant's chain from the first entry; names the first entry that does not verify. */
    public ChainVerification verify(UUID tenantId) {
        String expectedPrevious = ChainHash.GENESIS;
        long expectedSeq = 1;
        try (Stream<AuditEntry> entries = dsl.selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenantId))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetchSize(1000)
                .fetchStream()
                .map(AuditTrail::toEntry)) {
            for (AuditEntry entry : (Iterable<AuditEntry>) entries::iterator) {
                String problem = problem(entry, expectedSeq, expectedPrevious);
                if (problem != null) {
                    return ChainVerification.broken(expectedSeq - 1, entry.seq(), problem);
                }
                expectedPrevious = entry.hash();
                expectedSeq++;
            }
        }
        return ChainVerification.intact(expectedSeq - 1, expectedSeq == 1 ? ChainHash.GENESIS : expectedPrevious);
    }

    private static String problem(AuditEntry entry, long expectedSeq, String expectedPrevious) {
        if (entry.seq() != expectedSeq) {
            return "entry " + expectedSeq + " is missing";
        }
        if (!entry.previousHash().equals(expectedPrevious)) {
            return "does not link to the entry before it";
        }
        String recomputed = ChainHash.of(
                entry.tenantId(),
                entry.seq(),
                entry.recordedAt(),
                entry.actor(),
                entry.action(),
                entry.target(),
                entry.details(),
                entry.previousHash());
        return recomputed.equals(entry.hash()) ? null : "content does not match its hash";
    }

    private static AuditEntry toEntry(Record record) {
        return new AuditEntry(
                record.get(AUDIT_ENTRY.TENANT_ID),
                record.get(AUDIT_ENTRY.SEQ),
                record.get(AUDIT_ENTRY.RECORDED_AT).toInstant(),
                new Actor(Actor.Kind.valueOf(record.get(AUDIT_ENTRY.ACTOR_KIND)), record.get(AUDIT_ENTRY.ACTOR_ID)),
                record.get(AUDIT_ENTRY.ACTION),
                record.get(AUDIT_ENTRY.TARGET),
                JSON.readValue(record.get(AUDIT_ENTRY.DETAILS).data(), DETAILS),
                record.get(AUDIT_ENTRY.PREVIOUS_HASH),
                record.get(AUDIT_ENTRY.HASH));
    }

    /** Tenants' chains lock independently. */
    private static long lockKey(UUID tenantId) {
        return tenantId.getMostSignificantBits() ^ tenantId.getLeastSignificantBits();
    }
}
