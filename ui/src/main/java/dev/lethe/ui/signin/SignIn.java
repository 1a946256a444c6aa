package dev.lethe.ui.signin;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ui.signin.SignInOutcome.EnrolmentNeeded;
import dev.lethe.ui.signin.SignInOutcome.Refused;
import dev.lethe.ui.signin.SignInOutcome.SecondFactorNeeded;
import dev.lethe.ui.signin.SignInOutcome.SignedIn;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Signing in with a password and a TOTP second factor, step by step: the password (Argon2id), then a
 * code or a recovery code — or, for a person without a second factor yet, its enrolment. Every
 * failure counts towards the account's lock-out (growing delays) and every outcome is audited. The
 * web layer keeps the {@link PendingSignIn} between the steps and makes the session once this says
 * {@link SignedIn}.
 */
public final class SignIn {

    static final String WRONG_PASSWORD = "The e-mail address or the password is not right.";
    static final String LOCKED =
            "Sign-in to this account is paused after too many failed attempts. Try again in a few minutes.";
    static final String WRONG_CODE =
            "That code is not right. Enter the current code from your authenticator app, or a recovery code.";
    static final String EXPIRED = "Your sign-in took too long. Start again.";

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final Lockout lockout;
    private final Totp totp;
    private final TotpSecrets secrets;
    private final RecoveryCodes recoveryCodes;
    private final SignInAudit audit;
    private final Clock clock;

    public SignIn(
            Accounts accounts,
            PasswordHashing hashing,
            Lockout lockout,
            Totp totp,
            TotpSecrets secrets,
            RecoveryCodes recoveryCodes,
            SignInAudit audit,
            Clock clock) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.lockout = lockout;
        this.totp = totp;
        this.secrets = secrets;
        this.recoveryCodes = recoveryCodes;
        this.audit = audit;
        this.clock = clock;
    }

    /** The first step: an e-mail address and password in a tenant. */
    public SignInOutcome password(UUID tenantId, String email, String password) {
        Instant now = clock.instant();
        Optional<Account> found = as(tenantId, () -> accounts.findByEmail(tenantId, email));
        if (found.isEmpty()) {
            hashing.matchesNothing(password);
            audit.record(tenantId, SignInAudit.SIGN_IN, "user.sign_in.failed", null, Map.of("reason", "unknown"));
            return new Refused(WRONG_PASSWORD);
        }
        Account account = found.get();
        if (account.lockedAt(now)) {
            audit.own(tenantId, account.id(), "user.sign_in.failed", Map.of("reason", "locked"));
            return new Refused(LOCKED);
        }
        if (!hashing.matches(password, account.passwordHash())) {
            return failure(account, "password", WRONG_PASSWORD);
        }
        if (account.status() != AccountStatus.ACTIVE) {
            // Said only after the right password, and no more precisely than a wrong one.
            audit.own(tenantId, account.id(), "user.sign_in.failed", Map.of("reason", "not-active"));
            return new Refused(WRONG_PASSWORD);
        }
        if (hashing.needsRehash(account.passwordHash())) {
            as(tenantId, () -> accounts.setPassword(tenantId, account.id(), hashing.hash(password)));
        }
        PendingSignIn pending = new PendingSignIn(tenantId, account.id(), now, !account.hasSecondFactor());
        return pending.enrolling() ? new EnrolmentNeeded(pending) : new SecondFactorNeeded(pending);
    }

    /** The second step: a code of the authenticator app, or one of the recovery codes. */
    public SignInOutcome secondFactor(PendingSignIn pending, String code) {
        Instant now = clock.instant();
        UUID tenantId = pending.tenantId();
        Optional<Account> found = as(tenantId, () -> accounts.find(tenantId, pending.userId()));
        if (pending.expiredAt(now) || pending.enrolling() || found.isEmpty()) {
            return new Refused(EXPIRED);
        }
        Account account = found.get();
        if (account.status() != AccountStatus.ACTIVE || !account.hasSecondFactor()) {
            return new Refused(EXPIRED);
        }
        if (account.lockedAt(now)) {
            audit.own(tenantId, account.id(), "user.sign_in.failed", Map.of("reason", "locked"));
            return new Refused(LOCKED);
        }
        Optional<String> recoveryCode = RecoveryCodes.normalise(code);
        if (recoveryCode.isPresent()) {
            boolean used =
                    as(tenantId, () -> accounts.useRecoveryCode(tenantId, account.id(), recoveryCode.get(), now));
            if (!used) {
                return failure(account, "recovery-code", WRONG_CODE);
            }
            int left = as(tenantId, () -> accounts.remainingRecoveryCodes(tenantId, account.id()));
            audit.own(tenantId, account.id(), "user.recovery_code.used", Map.of("remaining", Integer.toString(left)));
            return signedIn(account, "recovery-code", List.of());
        }
        if (!codeAccepted(account, code, now)) {
            return failure(account, "second-factor", WRONG_CODE);
        }
        return signedIn(account, "totp", List.of());
    }

    /**
     * The secret being enrolled for a pending sign-in: the one already pending (so reloading the page
     * shows the same QR code), or a new one. Empty when the person may not enrol now — a confirmed
     * second factor is only replaced after an admin resets it, never from a password alone.
     */
    public Optional<byte[]> enrolmentSecret(PendingSignIn pending) {
        UUID tenantId = pending.tenantId();
        Optional<Account> found = as(tenantId, () -> accounts.find(tenantId, pending.userId()));
        if (pending.expiredAt(clock.instant())
                || !pending.enrolling()
                || found.isEmpty()
                || found.get().hasSecondFactor()
                || found.get().status() != AccountStatus.ACTIVE) {
            return Optional.empty();
        }
        Account account = found.get();
        if (account.totpSecret() != null) {
            return Optional.of(secrets.open(tenantId, account.id(), account.totpSecret()));
        }
        byte[] secret = totp.newSecret();
        as(
                tenantId,
                () -> accounts.beginTotpEnrolment(
                        tenantId, account.id(), secrets.seal(tenantId, account.id(), secret)));
        return Optional.of(secret);
    }

    /** The last step of enrolment: a first code proves the app has the secret; then signed in. */
    public SignInOutcome confirmEnrolment(PendingSignIn pending, String code) {
        Instant now = clock.instant();
        UUID tenantId = pending.tenantId();
        Optional<Account> found = as(tenantId, () -> accounts.find(tenantId, pending.userId()));
        if (pending.expiredAt(now)
                || !pending.enrolling()
                || found.isEmpty()
                || found.get().totpSecret() == null
                || found.get().hasSecondFactor()) {
            return new Refused(EXPIRED);
        }
        Account account = found.get();
        if (account.lockedAt(now)) {
            return new Refused(LOCKED);
        }
        if (!codeAccepted(account, code, now)) {
            return failure(account, "enrolment", WRONG_CODE);
        }
        List<String> codes = recoveryCodes.generate();
        Account enrolled = as(tenantId, () -> accounts.confirmTotp(tenantId, account.id(), now, codes))
                .orElseThrow();
        audit.own(tenantId, account.id(), "user.second_factor.enrolled", Map.of("method", "totp"));
        return signedIn(enrolled, "totp", codes);
    }

    /** What {@link #confirm} found. */
    public enum Confirmation {
        CONFIRMED,
        WRONG_PASSWORD,
        WRONG_CODE,
        LOCKED,
        NO_PASSWORD
    }

    /**
     * Proves again who a signed-in person is before their password changes: the current password and,
     * when a second factor is enrolled, a code of it or a recovery code. Failures count towards the
     * account's lock-out and are audited as sign-in's are, so a session left open is no way round them.
     */
    public Confirmation confirm(UUID tenantId, UUID userId, String password, String code) {
        Instant now = clock.instant();
        Optional<Account> found = as(tenantId, () -> accounts.find(tenantId, userId));
        if (found.isEmpty() || found.get().passwordHash() == null) {
            return Confirmation.NO_PASSWORD;
        }
        Account account = found.get();
        if (account.lockedAt(now)) {
            audit.own(tenantId, account.id(), SignInAudit.FAILED, Map.of("reason", "locked"));
            return Confirmation.LOCKED;
        }
        if (!hashing.matches(password, account.passwordHash())) {
            failure(account, "current-password", WRONG_PASSWORD);
            return Confirmation.WRONG_PASSWORD;
        }
        if (!account.hasSecondFactor()) {
            return Confirmation.CONFIRMED;
        }
        Optional<String> recoveryCode = RecoveryCodes.normalise(code);
        boolean accepted = recoveryCode.isPresent()
                ? as(tenantId, () -> accounts.useRecoveryCode(tenantId, account.id(), recoveryCode.get(), now))
                : codeAccepted(account, code, now);
        if (!accepted) {
            failure(account, "current-second-factor", WRONG_CODE);
            return Confirmation.WRONG_CODE;
        }
        return Confirmation.CONFIRMED;
    }

    private boolean codeAccepted(Account account, String code, Instant now) {
        byte[] secret = secrets.open(account.tenantId(), account.id(), account.totpSecret());
        try {
            OptionalLong step = Totp.matchingStep(secret, code, now);
            return step.isPresent()
                    && as(
                            account.tenantId(),
                            () -> accounts.acceptTotpStep(account.tenantId(), account.id(), step.getAsLong()));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private SignInOutcome signedIn(Account account, String method, List<String> codes) {
        UUID tenantId = account.tenantId();
        as(tenantId, () -> {
            accounts.recordSignIn(tenantId, account.id(), clock.instant());
            return null;
        });
        audit.own(tenantId, account.id(), "user.signed_in", Map.of("method", method));
        return new SignedIn(account, codes);
    }

    private SignInOutcome failure(Account account, String reason, String message) {
        UUID tenantId = account.tenantId();
        int failures = as(tenantId, () -> accounts.recordFailure(tenantId, account.id()));
        audit.record(
                tenantId,
                Actor.user(account.id().toString()),
                "user.sign_in.failed",
                account.id(),
                Map.of("reason", reason, "failures", Integer.toString(failures)));
        Optional<Instant> until = lockout.lockedUntil(failures, clock.instant());
        if (until.isPresent()) {
            as(tenantId, () -> {
                accounts.lockUntil(tenantId, account.id(), until.get());
                return null;
            });
            audit.own(
                    tenantId,
                    account.id(),
                    "user.locked",
                    Map.of(
                            "failures",
                            Integer.toString(failures),
                            "until",
                            until.get().toString()));
        }
        return new Refused(message);
    }

    private static <T> T as(UUID tenantId, Supplier<T> work) {
        return TenantContext.callAs(tenantId, work);
    }
}
