package dev.lethe.vault.postgres;

import static dev.lethe.vault.postgres.VaultTables.KEY;
import static dev.lethe.vault.postgres.VaultTables.KEY_CREATED_AT;
import static dev.lethe.vault.postgres.VaultTables.KEY_ID;
import static dev.lethe.vault.postgres.VaultTables.KEY_KEK_VERSION;
import static dev.lethe.vault.postgres.VaultTables.KEY_SCOPE;
import static dev.lethe.vault.postgres.VaultTables.KEY_SUBJECT_HASH;
import static dev.lethe.vault.postgres.VaultTables.KEY_TENANT;
import static dev.lethe.vault.postgres.VaultTables.KEY_WRAPPED;
import static dev.lethe.vault.postgres.VaultTables.SHRED;
import static dev.lethe.vault.postgres.VaultTables.SHRED_ACTOR;
import static dev.lethe.vault.postgres.VaultTables.SHRED_AT;
import static dev.lethe.vault.postgres.VaultTables.SHRED_KEY_ID;
import static dev.lethe.vault.postgres.VaultTables.SHRED_REQUEST_ID;
import static dev.lethe.vault.postgres.VaultTables.SHRED_SUBJECT_HASH;
import static dev.lethe.vault.postgres.VaultTables.SHRED_TENANT;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.row;

import dev.lethe.vault.keys.KeyCursor;
import dev.lethe.vault.keys.KeyId;
import dev.lethe.vault.keys.KeyRepository;
import dev.lethe.vault.keys.KeyScope;
import dev.lethe.vault.keys.ShredRecord;
import dev.lethe.vault.keys.SubjectHash;
import dev.lethe.vault.keys.WrappedKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;

/**
 * The {@link KeyRepository} on PostgreSQL, on the tables of migration {@code V3__vault.sql}. Every method
 * is one statement except {@link #shredSubjectKey}, which runs its delete and insert in one transaction
 * of its own (nested as a savepoint when the caller has one open). Thread-safe; it holds no state but
 * the {@link DSLContext}.
 *
 * <p>Timestamps are stored with microsecond precision: a key read back may carry a {@code createdAt}
 * truncated to microseconds.
 */
public final class PostgresKeyRepository implements KeyRepository {

    /** Attempts of {@link #insertIfAbsent} when the winner it lost to is shredded before it can read it. */
    private static final int INSERT_ATTEMPTS = 3;

    private static final SelectField<?>[] KEY_FIELDS = {
        KEY_TENANT, KEY_ID, KEY_SCOPE, KEY_SUBJECT_HASH, KEY_KEK_VERSION, KEY_WRAPPED, KEY_CREATED_AT
    };

    private final DSLContext dsl;

    public PostgresKeyRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public Optional<WrappedKey> findTenantKey(String tenant) {
        return findKey(KEY_TENANT.eq(tenant).and(KEY_SCOPE.eq(KeyScope.TENANT.name())));
    }

    @Override
    public Optional<WrappedKey> findSubjectKey(String tenant, SubjectHash subject) {
        return findKey(ownedBy(tenant, subject));
    }

    @Override
    public Optional<WrappedKey> findByKeyId(String tenant, KeyId keyId) {
        return findKey(KEY_TENANT.eq(tenant).and(KEY_ID.eq(keyId.hex())));
    }

    @Override
    public WrappedKey insertIfAbsent(WrappedKey candidate) {
        for (int attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
            // No conflict target: a clash on either partial unique index (one tenant key, one key per
            // subject) or on the primary key makes the insert do nothing.
            int inserted = dsl.insertInto(KEY)
                    .set(KEY_TENANT, candidate.tenant())
                    .set(KEY_ID, candidate.keyId().hex())
                    .set(KEY_SCOPE, candidate.scope().name())
                    .set(KEY_SUBJECT_HASH, hex(candidate.subjectHash()))
                    .set(KEY_KEK_VERSION, candidate.kekVersion())
                    .set(KEY_WRAPPED, candidate.wrapped())
                    .set(KEY_CREATED_AT, candidate.createdAt().atOffset(ZoneOffset.UTC))
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 1) {
                return candidate;
            }
            Optional<WrappedKey> winner = candidate.scope() == KeyScope.TENANT
                    ? findTenantKey(candidate.tenant())
                    : findSubjectKey(candidate.tenant(), candidate.subjectHash());
            if (winner.isPresent()) {
                return winner.get();
            }
            if (findByKeyId(candidate.tenant(), candidate.keyId()).isPresent()) {
                throw new IllegalStateException("duplicate key id");
            }
            // The winner was shredded between our insert and our read: try again.
        }
        throw new IllegalStateException("the key's owner kept changing; giving up after " + INSERT_ATTEMPTS);
    }

    @Override
    public Optional<ShredRecord> shredSubjectKey(
            String tenant, SubjectHash subject, Instant at, String actor, String requestId) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(requestId, "requestId");
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            // The row lock taken by the delete makes a concurrent shred wait, then find nothing.
            Optional<String> keyId = tx.deleteFrom(KEY)
                    .where(ownedBy(tenant, subject))
                    .returning(KEY_ID)
                    .fetchOptional(KEY_ID);
            if (keyId.isEmpty()) {
                return Optional.<ShredRecord>empty();
            }
            ShredRecord record = new ShredRecord(tenant, subject, new KeyId(keyId.get()), at, actor, requestId);
            tx.insertInto(SHRED)
                    .set(SHRED_TENANT, tenant)
                    .set(SHRED_KEY_ID, keyId.get())
                    .set(SHRED_SUBJECT_HASH, subject.hex())
                    .set(SHRED_AT, at.atOffset(ZoneOffset.UTC))
                    .set(SHRED_ACTOR, actor)
                    .set(SHRED_REQUEST_ID, requestId)
                    .execute();
            return Optional.of(record);
        });
    }

    @Override
    public Optional<ShredRecord> findShred(String tenant, KeyId keyId) {
        return dsl.select(SHRED_TENANT, SHRED_SUBJECT_HASH, SHRED_KEY_ID, SHRED_AT, SHRED_ACTOR, SHRED_REQUEST_ID)
                .from(SHRED)
                .where(SHRED_TENANT.eq(tenant))
                .and(SHRED_KEY_ID.eq(keyId.hex()))
                .fetchOptional(PostgresKeyRepository::toShredRecord);
    }

    @Override
    public List<ShredRecord> findShreds(String tenant, SubjectHash subject) {
        return dsl.select(SHRED_TENANT, SHRED_SUBJECT_HASH, SHRED_KEY_ID, SHRED_AT, SHRED_ACTOR, SHRED_REQUEST_ID)
                .from(SHRED)
                .where(SHRED_TENANT.eq(tenant))
                .and(SHRED_SUBJECT_HASH.eq(subject.hex()))
                .orderBy(SHRED_AT, SHRED_KEY_ID)
                .fetch(PostgresKeyRepository::toShredRecord);
    }

    @Override
    public List<WrappedKey> findWrappedWithOtherVersion(int kekVersion, KeyCursor after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        Condition page = KEY_KEK_VERSION.ne(kekVersion);
        if (after != null) {
            page = page.and(
                    row(KEY_TENANT, KEY_ID).gt(after.tenant(), after.keyId().hex()));
        }
        return dsl.select(KEY_FIELDS)
                .from(KEY)
                .where(page)
                .orderBy(KEY_TENANT, KEY_ID)
                .limit(limit)
                .fetch(PostgresKeyRepository::toWrappedKey);
    }

    @Override
    public boolean replaceWrapping(
            String tenant, KeyId keyId, int expectedKekVersion, int newKekVersion, byte[] wrapped) {
        Objects.requireNonNull(wrapped, "wrapped");
        return dsl.update(KEY)
                        .set(KEY_KEK_VERSION, newKekVersion)
                        .set(KEY_WRAPPED, wrapped)
                        .where(KEY_TENANT.eq(tenant))
                        .and(KEY_ID.eq(keyId.hex()))
                        .and(KEY_KEK_VERSION.eq(expectedKekVersion))
                        .execute()
                == 1;
    }

    @Override
    public Map<Integer, Long> countByKekVersion() {
        Map<Integer, Long> counts = new TreeMap<>();
        dsl.select(KEY_KEK_VERSION, count())
                .from(KEY)
                .groupBy(KEY_KEK_VERSION)
                .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }

    private Optional<WrappedKey> findKey(Condition condition) {
        return dsl.select(KEY_FIELDS).from(KEY).where(condition).fetchOptional(PostgresKeyRepository::toWrappedKey);
    }

    private static Condition ownedBy(String tenant, SubjectHash subject) {
        return KEY_TENANT.eq(tenant).and(KEY_SCOPE.eq(KeyScope.SUBJECT.name())).and(KEY_SUBJECT_HASH.eq(subject.hex()));
    }

    private static String hex(SubjectHash subject) {
        return subject == null ? null : subject.hex();
    }

    private static WrappedKey toWrappedKey(Record r) {
        String subject = r.get(KEY_SUBJECT_HASH);
        return new WrappedKey(
                r.get(KEY_TENANT),
                new KeyId(r.get(KEY_ID)),
                KeyScope.valueOf(r.get(KEY_SCOPE)),
                subject == null ? null : new SubjectHash(subject),
                r.get(KEY_KEK_VERSION),
                r.get(KEY_WRAPPED),
                instant(r.get(KEY_CREATED_AT)));
    }

    private static ShredRecord toShredRecord(Record r) {
        return new ShredRecord(
                r.get(SHRED_TENANT),
                new SubjectHash(r.get(SHRED_SUBJECT_HASH)),
                new KeyId(r.get(SHRED_KEY_ID)),
                instant(r.get(SHRED_AT)),
                r.get(SHRED_ACTOR),
                r.get(SHRED_REQUEST_ID));
    }

    private static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }
}
