package dev.lethe.catalog.audit;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
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
    private final Checkpoints checkpoints;
    private final int checkpointEvery;

    /**
     * A trail that signs a checkpoint of the chain every {@code checkpointEvery} entries (and on
     * {@link #checkpoint}), so that cutting entries off the end is detected as well as edits.
     */
    public AuditTrail(DSLContext dsl, CheckpointSigner signer, int checkpointEvery) {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1");
        }
        this.dsl = dsl;
        this.checkpoints = new Checkpoints(signer, new StoredPublicKeys(dsl));
        this.checkpointEvery = checkpointEvery;
    }

    /**
     * A trail for checking only (no key needed): verifies the chain and the stored checkpoints'
     * signatures with their public keys, and refuses to append.
     */
    public static AuditTrail forVerification(DSLContext dsl) {
        return new AuditTrail(dsl);
    }

    private AuditTrail(DSLContext dsl) {
        this.dsl = dsl;
        this.checkpoints = new Checkpoints(null, new StoredPublicKeys(dsl));
        this.checkpointEvery = 0;
    }

    /** Appends an entry to the tenant's chain and returns it with its sequence number and hash. */
    public AuditEntry append(AuditEvent event) {
        return appendAll(List.of(event)).getFirst();
    }

    /**
     * Appends entries of one tenant in one transaction, in order: one lock and one commit for the
     * lot, which is what bulk writers (ingest, purges) need to keep up.
     */
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        requireSigner();
        if (events.isEmpty()) {
            return List.of();
        }
        UUID tenantId = events.getFirst().tenantId();
        if (events.stream().anyMatch(event -> !event.tenantId().equals(tenantId))) {
            throw new IllegalArgumentException("appendAll takes the events of one tenant");
        }
        return dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            Record head = lockAndReadHead(tx, tenantId);
            long seq = head == null ? 0 : head.get(AUDIT_ENTRY.SEQ);
            String previous = head == null ? ChainHash.GENESIS : head.get(AUDIT_ENTRY.HASH);
            Instant now = ChainHash.truncate(Instant.now());
            List<AuditEntry> appended = new ArrayList<>(events.size());
            for (AuditEvent event : events) {
                seq++;
                String hash = ChainHash.of(
                        tenantId, seq, now, event.actor(), event.action(), event.target(), event.details(), previous);
                appended.add(new AuditEntry(
                        tenantId,
                        seq,
                        now,
                        event.actor(),
                        event.action(),
                        event.target(),
                        event.details(),
                        previous,
                        hash));
                previous = hash;
            }
            insert(tx, appended);
            for (AuditEntry entry : appended) {
                if (entry.seq() % checkpointEvery == 0) {
                    checkpoints.write(tx, tenantId, entry.seq(), entry.hash());
                }
            }
            return appended;
        });
    }

    private void requireSigner() {
        if (!checkpoints.canSign()) {
            throw new IllegalStateException("This audit trail is for verification only");
        }
    }

    /**
     * Takes the tenant's chain lock for the transaction and returns its last entry's sequence and
     * hash (null for an empty chain): appends and checkpoints of one chain never interleave.
     */
    private static Record lockAndReadHead(DSLContext tx, UUID tenantId) {
        tx.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.val(lockKey(tenantId))))
                .fetch();
        return tx.select(AUDIT_ENTRY.SEQ, AUDIT_ENTRY.HASH)
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenantId))
                .orderBy(AUDIT_ENTRY.SEQ.desc())
                .limit(1)
                .fetchOne();
    }

    private static void insert(DSLContext tx, List<AuditEntry> entries) {
        var insert = tx.insertInto(
                AUDIT_ENTRY,
                AUDIT_ENTRY.TENANT_ID,
                AUDIT_ENTRY.SEQ,
                AUDIT_ENTRY.RECORDED_AT,
                AUDIT_ENTRY.ACTOR_KIND,
                AUDIT_ENTRY.ACTOR_ID,
                AUDIT_ENTRY.ACTION,
                AUDIT_ENTRY.TARGET,
                AUDIT_ENTRY.DETAILS,
                AUDIT_ENTRY.PREVIOUS_HASH,
                AUDIT_ENTRY.HASH);
        for (AuditEntry entry : entries) {
            insert = insert.values(
                    entry.tenantId(),
                    entry.seq(),
                    entry.recordedAt().atOffset(ZoneOffset.UTC),
                    entry.actor().kind().name(),
                    entry.actor().id(),
                    entry.action(),
                    entry.target(),
                    JSONB.valueOf(JSON.writeValueAsString(entry.details())),
                    entry.previousHash(),
                    entry.hash());
        }
        insert.execute();
    }

    /**
     * Signs a checkpoint of the tenant's current head (e.g. on a timer, so that a quiet chain is
     * vouched for too). Does nothing without a signer or without entries.
     */
    public void checkpoint(UUID tenantId) {
        requireSigner();
        dsl.transaction(configuration -> {
            DSLContext tx = DSL.using(configuration);
            Record head = lockAndReadHead(tx, tenantId);
            if (head != null) {
                checkpoints.write(tx, tenantId, head.get(AUDIT_ENTRY.SEQ), head.get(AUDIT_ENTRY.HASH));
            }
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

    /**
     * Recomputes the tenant's chain from the first entry and checks it against the signed
     * checkpoints; names the first entry that does not verify.
     */
    public ChainVerification verify(UUID tenantId) {
        NavigableMap<Long, Checkpoints.Checkpoint> signed = checkpoints.read(dsl, tenantId);
        for (Checkpoints.Checkpoint checkpoint : signed.values()) {
            if (!checkpoints.signatureHolds(tenantId, checkpoint)) {
                return ChainVerification.broken(0, checkpoint.seq(), "its signed checkpoint has a bad signature");
            }
        }
        String expectedPrevious = ChainHash.GENESIS;
        long expectedSeq = 1;
        try (Stream<AuditEntry> entries = dsl.selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.TENANT_ID.eq(tenantId))
                .orderBy(AUDIT_ENTRY.SEQ)
                .fetchSize(1000)
                .fetchStream()
                .map(AuditTrail::toEntry)) {
            for (AuditEntry entry : (Iterable<AuditEntry>) entries::iterator) {
                String problem = problem(entry, expectedSeq, expectedPrevious, signed.get(entry.seq()));
                if (problem != null) {
                    return ChainVerification.broken(expectedSeq - 1, Math.min(entry.seq(), expectedSeq), problem);
                }
                expectedPrevious = entry.hash();
                expectedSeq++;
            }
        }
        long last = expectedSeq - 1;
        if (!signed.isEmpty() && signed.lastKey() > last) {
            return ChainVerification.broken(
                    last,
                    last + 1,
                    "entries from " + (last + 1) + " on are missing: a signed checkpoint vouches for entry "
                            + signed.lastKey());
        }
        return ChainVerification.intact(last, last == 0 ? ChainHash.GENESIS : expectedPrevious);
    }

    private static String problem(
            AuditEntry entry, long expectedSeq, String expectedPrevious, Checkpoints.Checkpoint checkpoint) {
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
        if (!recomputed.equals(entry.hash())) {
            return "content does not match its hash";
        }
        return checkpoint == null || checkpoint.headHash().equals(entry.hash())
                ? null
                : "does not match its signed checkpoint";
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
