package dev.lethe.catalog.account;

import static dev.lethe.catalog.jooq.Tables.APP_USER;
import static dev.lethe.catalog.jooq.Tables.APP_USER_RECOVERY_CODE;
import static dev.lethe.catalog.jooq.Tables.APP_USER_SETUP_TOKEN;

import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.jooq.Routines;
import dev.lethe.catalog.jooq.tables.records.AppUserRecord;
import dev.lethe.catalog.tenant.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * People's accounts, their second factor's recovery codes and their one-time set-up links (invitations and
 * password resets). Every
 * query names the tenant (and row-level security holds it to the tenant of the connection); the two
 * look-ups made before any tenant is known ({@link #findByExternal}, {@link #findSetupToken}) ask a
 * narrow database function for the tenant first. E-mail addresses are compared without regard to
 * case. Recovery codes and set-up tokens are long random strings stored as SHA-256. Thread-safe.
 */
public final class Accounts {

    private final DSLContext dsl;

    public Accounts(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<Account> find(UUID tenantId, UUID userId) {
        return dsl.selectFrom(APP_USER)
                .where(APP_USER.TENANT_ID.eq(tenantId))
                .and(APP_USER.ID.eq(userId))
                .fetchOptional(Accounts::toAccount);
    }

    public Optional<Account> findByEmail(UUID tenantId, String email) {
        return dsl.selectFrom(APP_USER)
                .where(APP_USER.TENANT_ID.eq(tenantId))
                .and(DSL.lower(APP_USER.EMAIL).eq(normalise(email)))
                .fetchOptional(Accounts::toAccount);
    }

    /**
     * The account an identity provider's subject is linked to, in whichever tenant it is: works before
     * any tenant is known, and reads the account as its tenant.
     */
    public Optional<Account> findByExternal(String issuer, String subject) {
        UUID tenantId =
                dsl.select(Routines.letheExternalUserTenant(issuer, subject)).fetchOne(0, UUID.class);
        if (tenantId == null) {
            return Optional.empty();
        }
        return TenantContext.callAs(
                tenantId,
                () -> dsl.selectFrom(APP_USER)
                        .where(APP_USER.TENANT_ID.eq(tenantId))
                        .and(APP_USER.EXTERNAL_ISSUER.eq(issuer))
                        .and(APP_USER.EXTERNAL_SUBJECT.eq(subject))
                        .fetchOptional(Accounts::toAccount));
    }

    /** The tenant's accounts, by e-mail address. */
    public List<Account> list(UUID tenantId) {
        return dsl.selectFrom(APP_USER)
                .where(APP_USER.TENANT_ID.eq(tenantId))
                .orderBy(DSL.lower(APP_USER.EMAIL))
                .fetch(Accounts::toAccount);
    }

    /** True when the tenant has an account with the ADMIN role that is not disabled. */
    public boolean hasAdmin(UUID tenantId) {
        return dsl.fetchExists(dsl.selectOne()
                .from(APP_USER)
                .where(APP_USER.TENANT_ID.eq(tenantId))
                .and(APP_USER.STATUS.ne(AccountStatus.DISABLED.name()))
                .and(APP_USER.ROLES.contains(new String[] {Role.ADMIN.name()})));
    }

    /**
     * Creates an account.
     *
     * @throws EmailTakenException when the tenant has an account with this address already
     * @throws IllegalStateException when the identity provider's subject is linked to an account already
     */
    public Account create(NewAccount account) {
        UUID id = UUID.randomUUID();
        try {
            dsl.insertInto(APP_USER)
                    .set(APP_USER.ID, id)
                    .set(APP_USER.TENANT_ID, account.tenantId())
                    .set(APP_USER.EMAIL, account.email().strip())
                    .set(APP_USER.DISPLAY_NAME, account.displayName().strip())
                    .set(APP_USER.ROLES, roleNames(account.roles()))
                    .set(APP_USER.STATUS, account.status().name())
                    .set(APP_USER.PASSWORD_HASH, account.passwordHash())
                    .set(
                            APP_USER.EXTERNAL_ISSUER,
                            account.external() == null
                                    ? null
                                    : account.external().issuer())
                    .set(
                            APP_USER.EXTERNAL_SUBJECT,
                            account.external() == null
                                    ? null
                                    : account.external().subject())
                    .execute();
        } catch (RuntimeException e) {
            throw translate(e);
        }
        return find(account.tenantId(), id).orElseThrow();
    }

    public Optional<Account> setRoles(UUID tenantId, UUID userId, Set<Role> roles) {
        return update(tenantId, userId, APP_USER.ROLES, roleNames(roles));
    }

    public Optional<Account> setStatus(UUID tenantId, UUID userId, AccountStatus status) {
        return update(tenantId, userId, APP_USER.STATUS, status.name());
    }

    /**
     * Changes the account's e-mail address.
     *
     * @throws EmailTakenException when another account of the tenant has it
     */
    public Optional<Account> setEmail(UUID tenantId, UUID userId, String email) {
        try {
            return update(tenantId, userId, APP_USER.EMAIL, email.strip());
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    public Optional<Account> setDisplayName(UUID tenantId, UUID userId, String displayName) {
        return update(tenantId, userId, APP_USER.DISPLAY_NAME, displayName.strip());
    }

    /** Links the account to an identity provider's subject (single sign-on). */
    public Optional<Account> linkExternal(UUID tenantId, UUID userId, ExternalIdentity external) {
        try {
            int updated = dsl.update(APP_USER)
                    .set(APP_USER.EXTERNAL_ISSUER, external.issuer())
                    .set(APP_USER.EXTERNAL_SUBJECT, external.subject())
                    .set(APP_USER.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(APP_USER.TENANT_ID.eq(tenantId))
                    .and(APP_USER.ID.eq(userId))
                    .execute();
            return updated == 0 ? Optional.empty() : find(tenantId, userId);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Stores a new password hash; an invited account becomes active (a disabled one stays disabled).
     * Clears failed attempts and any lock.
     */
    public Optional<Account> setPassword(UUID tenantId, UUID userId, String passwordHash) {
        int updated = dsl.update(APP_USER)
                .set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(
                        APP_USER.STATUS,
                        DSL.when(APP_USER.STATUS.eq(AccountStatus.INVITED.name()), AccountStatus.ACTIVE.name())
                                .otherwise(APP_USER.STATUS))
                .set(APP_USER.FAILED_ATTEMPTS, 0)
                .setNull(APP_USER.LOCKED_UNTIL)
                .set(APP_USER.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(APP_USER.TENANT_ID.eq(tenantId))
                .and(APP_USER.ID.eq(userId))
                .execute();
        return updated == 0 ? Optional.empty() : find(tenantId, userId);
    }

    /** Stores a new, not yet confirmed TOTP secret, replacing any earlier one. */
    public Optional<Account> beginTotpEnrolment(UUID tenantId, UUID userId, SealedSecret secret) {
        int updated = dsl.update(APP_USER)
                .set(APP_USER.TOTP_SECRET, secret.ciphertext())
                .set(APP_USER.TOTP_KEK_VERSION, secret.kekVersion())
                .setNull(APP_USER.TOTP_CONFIRMED_AT)
                .setNull(APP_USER.TOTP_LAST_STEP)
                .set(APP_USER.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(APP_USER.TENANT_ID.eq(tenantId))
                .and(APP_USER.ID.eq(userId))
                .execute();
        return updated == 0 ? Optional.empty() : find(tenantId, userId);
    }

    /**
     * Accepts a TOTP code's time step once: true when no code of this step or a later one was accepted
     * before, so a code cannot be replayed (atomic: of two sign-ins with the same code, one wins).
     */
    public boolean acceptTotpStep(UUID tenantId, UUID userId, long step) {
        return dsl.update(APP_USER)
                        .set(APP_USER.TOTP_LAST_STEP, step)
                        .where(APP_USER.TENANT_ID.eq(tenantId))
                        .and(APP_USER.ID.eq(userId))
                        .and(APP_USER.TOTP_LAST_STEP.isNull().or(APP_USER.TOTP_LAST_STEP.lt(step)))
                        .execute()
                == 1;
    }

    /** Confirms the pending TOTP secret (after a first valid code) and stores fresh recovery codes. */
    public Optional<Account> confirmTotp(UUID tenantId, UUID userId, Instant at, Collection<String> recoveryCodes) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            int updated = tx.update(APP_USER)
                    .set(APP_USER.TOTP_CONFIRMED_AT, utc(at))
                    .set(APP_USER.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(APP_USER.TENANT_ID.eq(tenantId))
                    .and(APP_USER.ID.eq(userId))
                    .and(APP_USER.TOTP_SECRET.isNotNull())
                    .execute();
            if (updated == 0) {
                return Optional.<Account>empty();
            }
            replaceRecoveryCodes(tx, tenantId, userId, recoveryCodes);
            return new Accounts(tx).find(tenantId, userId);
        });
    }

    /** Removes the second factor and its recovery codes: the person enrols again at their next sign-in. */
    public Optional<Account> resetSecondFactor(UUID tenantId, UUID userId) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            int updated = tx.update(APP_USER)
                    .setNull(APP_USER.TOTP_SECRET)
                    .setNull(APP_USER.TOTP_KEK_VERSION)
                    .setNull(APP_USER.TOTP_CONFIRMED_AT)
                    .setNull(APP_USER.TOTP_LAST_STEP)
                    .set(APP_USER.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(APP_USER.TENANT_ID.eq(tenantId))
                    .and(APP_USER.ID.eq(userId))
                    .execute();
            replaceRecoveryCodes(tx, tenantId, userId, List.of());
            return updated == 0 ? Optional.<Account>empty() : new Accounts(tx).find(tenantId, userId);
        });
    }

    /**
     * The KEK versions that wrap any tenant's TOTP secrets, for KEK rotation (which must retire none of
     * them): works without a tenant, through a function that answers the versions and nothing else.
     */
    public Set<Integer> totpKekVersions() {
        return Set.copyOf(dsl.fetch("select * from lethe_totp_kek_versions()").getValues(0, Integer.class));
    }

    /** A person's TOTP secret as stored, for a KEK rotation to re-wrap. */
    public record SealedTotp(UUID userId, SealedSecret secret) {}

    /** Up to {@code limit} of the tenant's TOTP secrets wrapped under another KEK version than {@code primary}. */
    public List<SealedTotp> totpSecretsNotUnder(UUID tenantId, int primary, int limit) {
        return dsl.select(APP_USER.ID, APP_USER.TOTP_KEK_VERSION, APP_USER.TOTP_SECRET)
                .from(APP_USER)
                .where(APP_USER.TENANT_ID.eq(tenantId))
                .and(APP_USER.TOTP_SECRET.isNotNull())
                .and(APP_USER.TOTP_KEK_VERSION.ne(primary))
                .orderBy(APP_USER.ID)
                .limit(limit)
                .fetch(r -> new SealedTotp(r.value1(), new SealedSecret(r.value2(), r.value3())));
    }

    /**
     * Replaces a TOTP secret by the same secret re-wrapped, only if it is still {@code old}: a secret
     * enrolled anew meanwhile is left alone. True when replaced.
     */
    public boolean rewrapTotpSecret(UUID tenantId, UUID userId, SealedSecret old, SealedSecret fresh) {
        return dsl.update(APP_USER)
                        .set(APP_USER.TOTP_SECRET, fresh.ciphertext())
                        .set(APP_USER.TOTP_KEK_VERSION, fresh.kekVersion())
                        .where(APP_USER.TENANT_ID.eq(tenantId))
                        .and(APP_USER.ID.eq(userId))
                        .and(APP_USER.TOTP_KEK_VERSION.eq(old.kekVersion()))
                        .and(APP_USER.TOTP_SECRET.eq(old.ciphertext()))
                        .execute()
                == 1;
    }

    /** Uses up a recovery code: true when it was one of the account's and not used before. */
    public boolean useRecoveryCode(UUID tenantId, UUID userId, String code, Instant at) {
        return dsl.update(APP_USER_RECOVERY_CODE)
                        .set(APP_USER_RECOVERY_CODE.USED_AT, utc(at))
                        .where(APP_USER_RECOVERY_CODE.TENANT_ID.eq(tenantId))
                        .and(APP_USER_RECOVERY_CODE.USER_ID.eq(userId))
                        .and(APP_USER_RECOVERY_CODE.CODE_SHA256.eq(sha256(code)))
                        .and(APP_USER_RECOVERY_CODE.USED_AT.isNull())
                        .execute()
                == 1;
    }

    /** How many recovery codes the account has left. */
    public int remainingRecoveryCodes(UUID tenantId, UUID userId) {
        return dsl.fetchCount(
                APP_USER_RECOVERY_CODE,
                APP_USER_RECOVERY_CODE
                        .TENANT_ID
                        .eq(tenantId)
                        .and(APP_USER_RECOVERY_CODE.USER_ID.eq(userId))
                        .and(APP_USER_RECOVERY_CODE.USED_AT.isNull()));
    }

    /** Counts a failed sign-in and returns how many failed in a row now. */
    public int recordFailure(UUID tenantId, UUID userId) {
        Integer attempts = dsl.update(APP_USER)
                .set(APP_USER.FAILED_ATTEMPTS, APP_USER.FAILED_ATTEMPTS.plus(1))
                .where(APP_USER.TENANT_ID.eq(tenantId))
                .and(APP_USER.ID.eq(userId))
                .returning(APP_USER.FAILED_ATTEMPTS)
                .fetchOne(APP_USER.FAILED_ATTEMPTS);
        return attempts == null ? 0 : attempts;
    }

    /** Refuses sign-in until {@code until} (after repeated failures). */
    public void lockUntil(UUID tenantId, UUID userId, Instant until) {
        dsl.update(APP_USER)
                .set(APP_USER.LOCKED_UNTIL, utc(until))
                .where(APP_USER.TENANT_ID.eq(tenantId))
                .and(APP_USER.ID.eq(userId))
                .execute();
    }

    /** A successful sign-in: failures forgotten, lock lifted, the time kept. */
    public void recordSignIn(UUID tenantId, UUID userId, Instant at) {
        dsl.update(APP_USER)
                .set(APP_USER.FAILED_ATTEMPTS, 0)
                .setNull(APP_USER.LOCKED_UNTIL)
                .set(APP_USER.LAST_SIGN_IN_AT, utc(at))
                .where(APP_USER.TENANT_ID.eq(tenantId))
                .and(APP_USER.ID.eq(userId))
                .execute();
    }

    /** Stores a one-time set-up link's token (hashed) for the account; it works until {@code expiresAt}. */
    public void issueSetupToken(UUID tenantId, UUID userId, String token, Instant expiresAt) {
        dsl.insertInto(APP_USER_SETUP_TOKEN)
                .set(APP_USER_SETUP_TOKEN.TOKEN_SHA256, sha256(token))
                .set(APP_USER_SETUP_TOKEN.TENANT_ID, tenantId)
                .set(APP_USER_SETUP_TOKEN.USER_ID, userId)
                .set(APP_USER_SETUP_TOKEN.EXPIRES_AT, utc(expiresAt))
                .execute();
    }

    /**
     * An ADMIN's reset of a person's password, at once: the password hash is removed (the old password
     * stops working), every set-up link of the account not yet used stops working, and a new one-time link
     * (stored hashed) is issued until {@code expiresAt}. The status stays as it was. Empty when there is
     * no such account.
     */
    public Optional<Account> resetPassword(UUID tenantId, UUID userId, String token, Instant now, Instant expiresAt) {
        return dsl.transactionResult(configuration -> {
            DSLContext tx = DSL.using(configuration);
            int updated = tx.update(APP_USER)
                    .setNull(APP_USER.PASSWORD_HASH)
                    .set(APP_USER.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(APP_USER.TENANT_ID.eq(tenantId))
                    .and(APP_USER.ID.eq(userId))
                    .execute();
            if (updated == 0) {
                return Optional.<Account>empty();
            }
            // A link handed over earlier (an invitation, an earlier reset) must not outlive this one.
            tx.update(APP_USER_SETUP_TOKEN)
                    .set(APP_USER_SETUP_TOKEN.USED_AT, utc(now))
                    .where(APP_USER_SETUP_TOKEN.TENANT_ID.eq(tenantId))
                    .and(APP_USER_SETUP_TOKEN.USER_ID.eq(userId))
                    .and(APP_USER_SETUP_TOKEN.USED_AT.isNull())
                    .execute();
            Accounts inTransaction = new Accounts(tx);
            inTransaction.issueSetupToken(tenantId, userId, token, expiresAt);
            return inTransaction.find(tenantId, userId);
        });
    }

    /** The set-up link a token belongs to, in whichever tenant: works before any tenant is known. */
    public Optional<SetupToken> findSetupToken(String token) {
        byte[] hash = sha256(token);
        UUID tenantId = dsl.select(Routines.letheSetupTokenTenant(hash)).fetchOne(0, UUID.class);
        if (tenantId == null) {
            return Optional.empty();
        }
        return TenantContext.callAs(
                tenantId,
                () -> dsl.selectFrom(APP_USER_SETUP_TOKEN)
                        .where(APP_USER_SETUP_TOKEN.TENANT_ID.eq(tenantId))
                        .and(APP_USER_SETUP_TOKEN.TOKEN_SHA256.eq(hash))
                        .fetchOptional(record -> new SetupToken(
                                record.getTenantId(),
                                record.getUserId(),
                                record.getExpiresAt().toInstant(),
                                instant(record.getUsedAt()))));
    }

    /** Uses up a set-up link: true when it existed, was unused and had not expired at {@code at}. */
    public boolean useSetupToken(UUID tenantId, String token, Instant at) {
        return dsl.update(APP_USER_SETUP_TOKEN)
                        .set(APP_USER_SETUP_TOKEN.USED_AT, utc(at))
                        .where(APP_USER_SETUP_TOKEN.TENANT_ID.eq(tenantId))
                        .and(APP_USER_SETUP_TOKEN.TOKEN_SHA256.eq(sha256(token)))
                        .and(APP_USER_SETUP_TOKEN.USED_AT.isNull())
                        .and(APP_USER_SETUP_TOKEN.EXPIRES_AT.gt(utc(at)))
                        .execute()
                == 1;
    }

    private static void replaceRecoveryCodes(DSLContext tx, UUID tenantId, UUID userId, Collection<String> codes) {
        tx.deleteFrom(APP_USER_RECOVERY_CODE)
                .where(APP_USER_RECOVERY_CODE.TENANT_ID.eq(tenantId))
                .and(APP_USER_RECOVERY_CODE.USER_ID.eq(userId))
                .execute();
        if (codes.isEmpty()) {
            return;
        }
        var insert = tx.insertInto(
                APP_USER_RECOVERY_CODE,
                APP_USER_RECOVERY_CODE.TENANT_ID,
                APP_USER_RECOVERY_CODE.USER_ID,
                APP_USER_RECOVERY_CODE.CODE_SHA256);
        for (String code : codes) {
            insert = insert.values(tenantId, userId, sha256(code));
        }
        insert.execute();
    }

    private <T> Optional<Account> update(UUID tenantId, UUID userId, TableField<AppUserRecord, T> field, T value) {
        int updated = dsl.update(APP_USER)
                .set(field, value)
                .set(APP_USER.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(APP_USER.TENANT_ID.eq(tenantId))
                .and(APP_USER.ID.eq(userId))
                .execute();
        return updated == 0 ? Optional.empty() : find(tenantId, userId);
    }

    /**
     * The account's own words for a unique violation, whichever exception carries it (jOOQ's, or
     * Spring's translation of it in the application).
     */
    private static RuntimeException translate(RuntimeException e) {
        SQLException sql = null;
        for (Throwable cause = e; cause != null && sql == null; cause = cause.getCause()) {
            if (cause instanceof SQLException found) {
                sql = found;
            }
        }
        if (sql != null && "23505".equals(sql.getSQLState())) {
            String message = String.valueOf(sql.getMessage());
            if (message.contains("app_user_email")) {
                return new EmailTakenException();
            }
            if (message.contains("app_user_external")) {
                return new IllegalStateException("This identity provider's subject is linked to an account already");
            }
        }
        return e;
    }

    /** How e-mail addresses are compared: trimmed, lower case. */
    static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String[] roleNames(Set<Role> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("An account needs at least one role");
        }
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static Account toAccount(Record record) {
        Set<Role> roles = Arrays.stream(record.get(APP_USER.ROLES))
                .map(Role::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        byte[] totp = record.get(APP_USER.TOTP_SECRET);
        String issuer = record.get(APP_USER.EXTERNAL_ISSUER);
        return new Account(
                record.get(APP_USER.ID),
                record.get(APP_USER.TENANT_ID),
                record.get(APP_USER.EMAIL),
                record.get(APP_USER.DISPLAY_NAME),
                roles,
                AccountStatus.valueOf(record.get(APP_USER.STATUS)),
                record.get(APP_USER.PASSWORD_HASH),
                totp == null ? null : new SealedSecret(record.get(APP_USER.TOTP_KEK_VERSION), totp),
                instant(record.get(APP_USER.TOTP_CONFIRMED_AT)),
                record.get(APP_USER.FAILED_ATTEMPTS),
                instant(record.get(APP_USER.LOCKED_UNTIL)),
                instant(record.get(APP_USER.LAST_SIGN_IN_AT)),
                instant(record.get(APP_USER.CREATED_AT)),
                issuer == null ? null : new ExternalIdentity(issuer, record.get(APP_USER.EXTERNAL_SUBJECT)));
    }
}
