package dev.lethe.catalog.apikey;

import static dev.lethe.catalog.jooq.Tables.API_KEY;

import dev.lethe.catalog.jooq.Routines;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * API keys for scripts and integrations, stored as SHA-256 hashes. Keys must be long random
 * strings ({@value #MIN_LENGTH}+ characters), which is what makes a fast unsalted hash safe here.
 * Thread-safe.
 */
public final class ApiKeys {

    public static final int MIN_LENGTH = 32;
    private static final int PREFIX_LENGTH = 6;
    /** Made keys show more of their start, so that people tell them apart; 8 of 43 characters. */
    private static final int ISSUED_PREFIX_LENGTH = 8;

    private final DSLContext dsl;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * The key that the presented secret belongs to, if it exists, is not revoked and has not expired.
     * Works before any tenant is known: it looks the hash up through {@code lethe_api_key_by_hash},
     * which runs with the owner's rights and returns only the matching key.
     */
    public Optional<ApiKey> authenticate(String presented) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        var byHash = Routines.letheApiKeyByHash(hash(presented));
        return dsl.selectFrom(byHash)
                .where(byHash.REVOKED_AT.isNull())
                .and(byHash.EXPIRES_AT.isNull().or(byHash.EXPIRES_AT.gt(now)))
                .fetchOptional(ApiKeys::toApiKey);
    }

    /**
     * Makes sure a key with this secret exists for the tenant, with these roles and every scope
     * ({@link Scope#all()}). Idempotent, as {@link #ensure(UUID, String, String, Set, Set)}.
     */
    public ApiKey ensure(UUID tenantId, String name, String secret, Set<Role> roles) {
        return ensure(tenantId, name, secret, roles, Scope.all());
    }

    /**
     * Makes sure a key with this secret exists for the tenant, with these roles and scopes.
     * Idempotent: a second call with the same secret changes nothing and returns the existing key,
     * whatever roles and scopes it names.
     *
     * @throws IllegalArgumentException if the secret is shorter than {@value #MIN_LENGTH} characters
     *     or {@code scopes} is empty
     */
    public ApiKey ensure(UUID tenantId, String name, String secret, Set<Role> roles, Set<Scope> scopes) {
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("An API key must be at least " + MIN_LENGTH + " characters long");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("An API key needs at least one scope");
        }
        String[] roleNames = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        String[] scopeCodes = scopes.stream().sorted().map(Scope::code).toArray(String[]::new);
        dsl.insertInto(API_KEY)
                .set(API_KEY.ID, UUID.randomUUID())
                .set(API_KEY.TENANT_ID, tenantId)
                .set(API_KEY.NAME, name)
                .set(API_KEY.KEY_PREFIX, secret.substring(0, PREFIX_LENGTH))
                .set(API_KEY.KEY_HASH, hash(secret))
                .set(API_KEY.ROLES, roleNames)
                .set(API_KEY.SCOPES, scopeCodes)
                .onConflict(API_KEY.KEY_HASH)
                .doNothing()
                .execute();
        return dsl.selectFrom(API_KEY).where(API_KEY.KEY_HASH.eq(hash(secret))).fetchSingle(ApiKeys::toApiKey);
    }

    /**
     * Makes a key with a fresh random secret (256 bits, 43 characters of base64url) and returns it with
     * the secret, which is not kept: only its hash and first characters are stored. Runs as the key's
     * tenant (row-level security).
     *
     * @throws ApiKeyNameTakenException when another unrevoked key of the tenant has the name
     * @throws IllegalArgumentException when {@code roles} or {@code scopes} is empty
     */
    public IssuedApiKey create(NewApiKey key) {
        if (key.roles().isEmpty() || key.scopes().isEmpty()) {
            throw new IllegalArgumentException("An API key needs at least one role and one scope");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        try {
            dsl.insertInto(API_KEY)
                    .set(API_KEY.ID, id)
                    .set(API_KEY.TENANT_ID, key.tenantId())
                    .set(API_KEY.NAME, key.name())
                    .set(API_KEY.KEY_PREFIX, secret.substring(0, ISSUED_PREFIX_LENGTH))
                    .set(API_KEY.KEY_HASH, hash(secret))
                    .set(
                            API_KEY.ROLES,
                            key.roles().stream().map(Role::name).sorted().toArray(String[]::new))
                    .set(
                            API_KEY.SCOPES,
                            key.scopes().stream().sorted().map(Scope::code).toArray(String[]::new))
                    .set(API_KEY.OWNER_USER_ID, key.ownerId())
                    .set(
                            API_KEY.EXPIRES_AT,
                            key.expiresAt() == null ? null : key.expiresAt().atOffset(ZoneOffset.UTC))
                    .execute();
        } catch (RuntimeException e) {
            throw translate(e);
        }
        return new IssuedApiKey(find(key.tenantId(), id).orElseThrow(), secret);
    }

    /** The tenant's keys that are not revoked (expired ones included), newest first. */
    public List<ApiKey> list(UUID tenantId) {
        return dsl.selectFrom(API_KEY)
                .where(API_KEY.TENANT_ID.eq(tenantId))
                .and(API_KEY.REVOKED_AT.isNull())
                .orderBy(API_KEY.CREATED_AT.desc(), API_KEY.NAME)
                .fetch(ApiKeys::toApiKey);
    }

    /** The tenant's key with this id, unless it is revoked. */
    public Optional<ApiKey> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(API_KEY)
                .where(API_KEY.TENANT_ID.eq(tenantId))
                .and(API_KEY.ID.eq(id))
                .and(API_KEY.REVOKED_AT.isNull())
                .fetchOptional(ApiKeys::toApiKey);
    }

    /** Revokes the tenant's key; false if there is no such unrevoked key. From now on it authenticates nothing. */
    public boolean revoke(UUID tenantId, UUID id) {
        return dsl.update(API_KEY)
                        .set(API_KEY.REVOKED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                        .where(API_KEY.TENANT_ID.eq(tenantId))
                        .and(API_KEY.ID.eq(id))
                        .and(API_KEY.REVOKED_AT.isNull())
                        .execute()
                > 0;
    }

    /** Revokes every key the person owns (they were disabled); returns how many. */
    public int revokeOwnedBy(UUID tenantId, UUID ownerId) {
        return dsl.update(API_KEY)
                .set(API_KEY.REVOKED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(API_KEY.TENANT_ID.eq(tenantId))
                .and(API_KEY.OWNER_USER_ID.eq(ownerId))
                .and(API_KEY.REVOKED_AT.isNull())
                .execute();
    }

    /**
     * Revokes the person's keys that hold a role the person no longer has (their roles changed), so that
     * no key of theirs can do more than they can; returns how many.
     */
    public int revokeBeyond(UUID tenantId, UUID ownerId, Set<Role> roles) {
        String[] allowed = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        return dsl.update(API_KEY)
                .set(API_KEY.REVOKED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                .where(API_KEY.TENANT_ID.eq(tenantId))
                .and(API_KEY.OWNER_USER_ID.eq(ownerId))
                .and(API_KEY.REVOKED_AT.isNull())
                .and(DSL.condition("not ({0} <@ {1})", API_KEY.ROLES, DSL.val(allowed, API_KEY.ROLES.getDataType())))
                .execute();
    }

    /**
     * Notes that the key was used, at most once a minute per key (the database skips the write
     * otherwise), so that authenticating stays cheap. Works before the tenant is known, like {@link
     * #authenticate(String)}.
     */
    public void recordUse(ApiKey key) {
        Instant now = Instant.now();
        if (key.lastUsedAt() != null && key.lastUsedAt().isAfter(now.minusSeconds(60))) {
            return;
        }
        Routines.letheApiKeyUsed(dsl.configuration(), key.id());
    }

    private static RuntimeException translate(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && "23505".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("api_key_name_unique")) {
                return new ApiKeyNameTakenException();
            }
        }
        return e;
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static ApiKey toApiKey(Record record) {
        Set<Role> roles = Arrays.stream(record.get(API_KEY.ROLES))
                .map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        Set<Scope> scopes = Arrays.stream(record.get(API_KEY.SCOPES))
                .map(Scope::ofCode)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
        return new ApiKey(
                record.get(API_KEY.ID),
                record.get(API_KEY.TENANT_ID),
                record.get(API_KEY.NAME),
                record.get(API_KEY.KEY_PREFIX),
                roles,
                scopes,
                record.get(API_KEY.OWNER_USER_ID),
                instant(record.get(API_KEY.CREATED_AT)),
                instant(record.get(API_KEY.EXPIRES_AT)),
                instant(record.get(API_KEY.LAST_USED_AT)));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
