package dev.lethe.catalog.apikey;

import static dev.lethe.catalog.jooq.Tables.API_KEY;

import dev.lethe.catalog.jooq.Routines;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * API keys for scripts and integrations, stored as SHA-256 hashes. Keys must be long random
 * strings ({@value #MIN_LENGTH}+ characters), which is what makes a fast unsalted hash safe here.
 * Thread-safe.
 */
public final class ApiKeys {

    public static final int MIN_LENGTH = 32;
    private static final int PREFIX_LENGTH = 6;

    private final DSLContext dsl;

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
        OffsetDateTime expires = record.get(API_KEY.EXPIRES_AT);
        Instant expiresAt = expires == null ? null : expires.toInstant();
        return new ApiKey(
                record.get(API_KEY.ID),
                record.get(API_KEY.TENANT_ID),
                record.get(API_KEY.NAME),
                record.get(API_KEY.KEY_PREFIX),
                roles,
                scopes,
                expiresAt);
    }
}
