package dev.lethe.catalog.audit;

import static dev.lethe.catalog.jooq.Tables.AUDIT_ENTRY;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
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
    private final ChainVerifier verifier;
    private final CheckpointListener listener;

    /** Told about each signed checkpoint once its transaction has returned (e.g. to anchor it). */
    @FunctionalInterface
    public interface CheckpointListener {
        /** Called on the appending thread: must return quickly and not throw. */
        void checkpointed(UUID tenantId);
    }

    /**
     * A trail that signs a checkpoint of the chain every {@code checkpointEvery} entries (and on
     * {@link #checkpoint}), so that cutting entries off the end is detected as well as edits.
     */
    public AuditTrail(DSLContext dsl, CheckpointSigner signer, int checkpointEvery) {
        this(dsl, signer, checkpointEvery, tenantId -> {});
    }

    /**
     * As {@link #AuditTrail(DSLContext, CheckpointSigner, int)}, telling {@code listener} after each
     * transaction that signed a checkpoint (outside it, so it may publish the checkpoint elsewhere).
     */
    public AuditTrail(DSLContext dsl, CheckpointSigner signer, int checkpointEvery, CheckpointListener listener) {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1");
        }
        this.dsl = dsl;
        this.checkpoints = new Checkpoints(signer, new StoredPublicKeys(dsl));
        this.checkpointEvery = checkpointEvery;
        this.verifier = new ChainVerifier(dsl, checkpoints);
        this.listener = Objects.requireNonNull(listener, "listener");
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
        this.verifier = new ChainVerifier(dsl, checkpoints);
        this.listener = tenantId -> {};
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
        List<AuditEntry> appended = dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            Record head = lockAndReadHead(tx, tenantId);
            long seq = head == null ? 0 : head.get(AUDIT_ENTRY.SEQ);
            String previous = head == null ? ChainHash.GENESIS : head.get(AUDIT_ENTRY.HASH);
            Instant now = ChainHash.truncate(Instant.now());
            List<AuditEntry> written = new ArrayList<>(events.size());
            for (AuditEvent event : events) {
                seq++;
                String hash = ChainHash.of(
                        tenantId, seq, now, event.actor(), event.action(), event.target(), event.details(), previous);
                written.add(new AuditEntry(
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
            insert(tx, written);
            for (AuditEntry entry : written) {
                if (entry.seq() % checkpointEvery == 0) {
                    checkpoints.write(tx, tenantId, entry.seq(), entry.hash());
                }
            }
            return written;
        });
        if (appended.stream().anyMatch(entry -> entry.seq() % checkpointEvery == 0)) {
            listener.checkpointed(tenantId);
        }
        return appended;
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
        boolean signed = dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            Record head = lockAndReadHead(tx, tenantId);
            if (head != null) {
                checkpoints.write(tx, tenantId, head.get(AUDIT_ENTRY.SEQ), head.get(AUDIT_ENTRY.HASH));
            }
            return head != null;
        });
        if (signed) {
            listener.checkpointed(tenantId);
        }
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
     * checkpoints in the database only (reported as {@link ChainVerification.AnchorCheck#NOT_CHECKED});
     * names the first entry that does not verify.
     */
    public ChainVerification verify(UUID tenantId) {
        return verifier.verify(tenantId, null);
    }

    /**
     * As {@link #verify(UUID)}, and against the checkpoints anchored outside the database: every
     * anchored checkpoint must verify with a known public key and the chain must contain its entry
     * with its hash, so a tail cut off together with its checkpoints is found. When the anchors can't
     * be read the chain is not reported intact ({@link ChainVerification.Outcome#UNCONFIRMED}).
     */
    public ChainVerification verify(UUID tenantId, CheckpointAnchors anchors) {
        return verifier.verify(tenantId, Objects.requireNonNull(anchors, "anchors"));
    }

    static AuditEntry toEntry(Record record) {
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
