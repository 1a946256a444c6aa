package dev.lethe.catalog.account;

import static dev.lethe.catalog.jooq.Tables.APP_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.catalog.CatalogTestDatabase;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.LocalServicesExtension;
import dev.lethe.infra.testing.UniqueNames;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Accounts} on the real PostgreSQL, migrated by Flyway, as the application's role under
 * row-level security (each connection carries the tenant of {@link TenantContext}).
 */
@ExtendWith(LocalServicesExtension.class)
class AccountsIT {

    private static DSLContext owner;
    private static Accounts accounts;

    private UUID tenant;
    private UUID otherTenant;

    @BeforeAll
    static void database() throws SQLException {
        CatalogTestDatabase database = CatalogTestDatabase.create("lethe_accounts");
        owner = database.owner();
        accounts = new Accounts(database.app());
    }

    @BeforeEach
    void tenants() {
        Tenants tenants = new Tenants(owner);
        tenant = tenants.create(UniqueNames.of("acct"), "Accounts").id();
        otherTenant = tenants.create(UniqueNames.of("acct-other"), "Other").id();
    }

    private <T> T as(UUID tenantId, Supplier<T> work) {
        return TenantContext.callAs(tenantId, work);
    }

    private Account officer(String email) {
        return as(
                tenant,
                () -> accounts.create(NewAccount.invited(tenant, email, "Olga Officer", Set.of(Role.PRIVACY_OFFICER))));
    }

    @Test
    void findsAnAccountByEmailWhateverItsCase() {
        Account created = officer("Olga@Example.org");

        Account found = as(tenant, () -> accounts.findByEmail(tenant, "  olga@EXAMPLE.org "))
                .orElseThrow();

        assertThat(found.id()).isEqualTo(created.id());
        assertThat(found.email()).isEqualTo("Olga@Example.org");
        assertThat(found.status()).isEqualTo(AccountStatus.INVITED);
        assertThat(found.roles()).containsExactly(Role.PRIVACY_OFFICER);
        assertThat(found.passwordHash()).isNull();
        assertThat(found.hasSecondFactor()).isFalse();
        assertThat(found.toString()).doesNotContain("Olga").doesNotContain("example");
    }

    @Test
    void refusesASecondAccountWithTheSameEmailInTheTenantButNotInAnother() {
        officer("dup@example.org");

        assertThatThrownBy(() -> officer("DUP@example.org")).isInstanceOf(EmailTakenException.class);
        Account elsewhere = as(
                otherTenant,
                () -> accounts.create(NewAccount.invited(otherTenant, "dup@example.org", "Dup", Set.of(Role.AUDITOR))));
        assertThat(elsewhere.tenantId()).isEqualTo(otherTenant);
    }

    @Test
    void anotherTenantNeitherSeesNorChangesTheAccount() {
        Account created = officer("olga@example.org");

        assertThat(as(otherTenant, () -> accounts.find(otherTenant, created.id())))
                .isEmpty();
        // Even naming the right tenant, a connection acting for another one sees no row (RLS).
        assertThat(as(otherTenant, () -> accounts.find(tenant, created.id()))).isEmpty();
        assertThat(as(otherTenant, () -> accounts.setRoles(tenant, created.id(), Set.of(Role.ADMIN))))
                .isEmpty();
        assertThat(as(tenant, () -> accounts.find(tenant, created.id()))
                        .orElseThrow()
                        .roles())
                .containsExactly(Role.PRIVACY_OFFICER);
        // A row for another tenant cannot be written either.
        assertThatThrownBy(() -> as(
                        otherTenant,
                        () -> accounts.create(NewAccount.invited(tenant, "x@example.org", "X", Set.of(Role.ADMIN)))))
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void aPasswordActivatesAnInvitedAccountButNotADisabledOne() {
        Account created = officer("olga@example.org");

        Account active = as(tenant, () -> accounts.setPassword(tenant, created.id(), "$argon2id$v=19$fake"))
                .orElseThrow();
        assertThat(active.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(active.passwordHash()).isEqualTo("$argon2id$v=19$fake");

        as(tenant, () -> accounts.setStatus(tenant, created.id(), AccountStatus.DISABLED));
        Account disabled = as(tenant, () -> accounts.setPassword(tenant, created.id(), "$argon2id$v=19$other"))
                .orElseThrow();
        assertThat(disabled.status()).isEqualTo(AccountStatus.DISABLED);
    }

    @Test
    void countsFailuresLocksAndForgetsThemOnSignIn() {
        UUID id = officer("olga@example.org").id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        assertThat(as(tenant, () -> accounts.recordFailure(tenant, id))).isEqualTo(1);
        assertThat(as(tenant, () -> accounts.recordFailure(tenant, id))).isEqualTo(2);
        as(tenant, () -> {
            accounts.lockUntil(tenant, id, now.plus(Duration.ofMinutes(5)));
            return null;
        });
        Account locked = as(tenant, () -> accounts.find(tenant, id)).orElseThrow();
        assertThat(locked.failedAttempts()).isEqualTo(2);
        assertThat(locked.lockedAt(now)).isTrue();
        assertThat(locked.lockedAt(now.plus(Duration.ofMinutes(6)))).isFalse();

        as(tenant, () -> {
            accounts.recordSignIn(tenant, id, now);
            return null;
        });
        Account signedIn = as(tenant, () -> accounts.find(tenant, id)).orElseThrow();
        assertThat(signedIn.failedAttempts()).isZero();
        assertThat(signedIn.lockedUntil()).isNull();
        assertThat(signedIn.lastSignInAt()).isEqualTo(now);
        // Another tenant's failure counting touches nothing.
        assertThat(as(otherTenant, () -> accounts.recordFailure(tenant, id))).isZero();
    }

    @Test
    void secondFactorIsPendingUntilConfirmedAndRecoveryCodesWorkOnce() {
        UUID id = officer("olga@example.org").id();
        SealedSecret sealed = new SealedSecret(3, new byte[] {1, 2, 3, 4});

        Account pending = as(tenant, () -> accounts.beginTotpEnrolment(tenant, id, sealed))
                .orElseThrow();
        assertThat(pending.totpSecret()).isEqualTo(sealed);
        assertThat(pending.hasSecondFactor()).isFalse();
        // KEK rotation, acting for no tenant, learns that version 3 still wraps a secret.
        assertThat(accounts.totpKekVersions()).contains(3);

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Account confirmed = as(
                        tenant,
                        () -> accounts.confirmTotp(
                                tenant, id, now, List.of("AAAA-BBBB-CCCC-DDDD", "EEEE-FFFF-GGGG-HHHH")))
                .orElseThrow();
        assertThat(confirmed.hasSecondFactor()).isTrue();
        assertThat(as(tenant, () -> accounts.acceptTotpStep(tenant, id, 100))).isTrue();
        assertThat(as(tenant, () -> accounts.acceptTotpStep(tenant, id, 100)))
                .as("the same code twice")
                .isFalse();
        assertThat(as(tenant, () -> accounts.acceptTotpStep(tenant, id, 99))).isFalse();
        assertThat(as(tenant, () -> accounts.acceptTotpStep(tenant, id, 101))).isTrue();
        assertThat(as(tenant, () -> accounts.remainingRecoveryCodes(tenant, id)))
                .isEqualTo(2);

        assertThat(as(tenant, () -> accounts.useRecoveryCode(tenant, id, "AAAA-BBBB-CCCC-DDDD", now)))
                .isTrue();
        assertThat(as(tenant, () -> accounts.useRecoveryCode(tenant, id, "AAAA-BBBB-CCCC-DDDD", now)))
                .isFalse();
        assertThat(as(tenant, () -> accounts.useRecoveryCode(tenant, id, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", now)))
                .isFalse();
        assertThat(as(otherTenant, () -> accounts.useRecoveryCode(tenant, id, "EEEE-FFFF-GGGG-HHHH", now)))
                .isFalse();
        assertThat(as(tenant, () -> accounts.remainingRecoveryCodes(tenant, id)))
                .isEqualTo(1);
        // Codes are stored hashed, never as given.
        assertThat(owner.fetchCount(owner.selectFrom("app_user_recovery_code")
                        .where("convert_from(code_sha256, 'LATIN1') like '%EEEE%'")))
                .isZero();

        Account reset = as(tenant, () -> accounts.resetSecondFactor(tenant, id)).orElseThrow();
        assertThat(reset.totpSecret()).isNull();
        assertThat(reset.hasSecondFactor()).isFalse();
        assertThat(as(tenant, () -> accounts.remainingRecoveryCodes(tenant, id)))
                .isZero();
    }

    @Test
    void aSetupTokenIsFoundBeforeTheTenantIsKnownAndWorksOnce() {
        UUID id = officer("olga@example.org").id();
        Instant now = Instant.now();
        String token = "setup-" + UUID.randomUUID() + UUID.randomUUID();
        as(tenant, () -> {
            accounts.issueSetupToken(tenant, id, token, now.plus(Duration.ofHours(1)));
            return null;
        });

        SetupToken found = accounts.findSetupToken(token).orElseThrow();
        assertThat(found.tenantId()).isEqualTo(tenant);
        assertThat(found.userId()).isEqualTo(id);
        assertThat(found.usableAt(now)).isTrue();
        assertThat(accounts.findSetupToken(token + "x")).isEmpty();

        assertThat(as(otherTenant, () -> accounts.useSetupToken(tenant, token, now)))
                .isFalse();
        assertThat(as(tenant, () -> accounts.useSetupToken(tenant, token, now.plus(Duration.ofHours(2)))))
                .as("expired")
                .isFalse();
        assertThat(as(tenant, () -> accounts.useSetupToken(tenant, token, now))).isTrue();
        assertThat(as(tenant, () -> accounts.useSetupToken(tenant, token, now))).isFalse();
        assertThat(accounts.findSetupToken(token).orElseThrow().usableAt(now)).isFalse();
    }

    @Test
    void aPasswordResetRemovesTheHashRetiresEarlierLinksAndReachesNoOtherTenant() {
        UUID id = officer("rolf@example.org").id();
        Instant now = Instant.now();
        String earlier = "setup-" + UUID.randomUUID() + UUID.randomUUID();
        String fresh = "reset-" + UUID.randomUUID() + UUID.randomUUID();
        as(tenant, () -> {
            accounts.setPassword(tenant, id, "$argon2id$placeholder");
            accounts.issueSetupToken(tenant, id, earlier, now.plus(Duration.ofHours(1)));
            return null;
        });

        assertThat(as(otherTenant, () -> accounts.resetPassword(tenant, id, fresh, now, now.plus(Duration.ofHours(1)))))
                .isEmpty();
        assertThat(as(tenant, () -> accounts.find(tenant, id)).orElseThrow().passwordHash())
                .isNotNull();

        Account reset = as(tenant, () -> accounts.resetPassword(tenant, id, fresh, now, now.plus(Duration.ofHours(1))))
                .orElseThrow();
        assertThat(reset.passwordHash()).isNull();
        assertThat(reset.status()).as("the status stays").isEqualTo(AccountStatus.ACTIVE);
        assertThat(accounts.findSetupToken(earlier).orElseThrow().usableAt(now)).isFalse();
        assertThat(accounts.findSetupToken(fresh).orElseThrow().usableAt(now)).isTrue();
    }

    @Test
    void anExternalSubjectIsFoundInItsTenantAndLinkedOnlyOnce() {
        String issuer = "https://idp.example.org/realms/" + UniqueNames.of("r");
        ExternalIdentity identity = new ExternalIdentity(issuer, "subject-1");
        Account created = as(
                tenant,
                () -> accounts.create(new NewAccount(
                        tenant,
                        "sso@example.org",
                        "Sso",
                        Set.of(Role.ENGINEER),
                        AccountStatus.ACTIVE,
                        null,
                        identity)));

        Account found = accounts.findByExternal(issuer, "subject-1").orElseThrow();
        assertThat(found.id()).isEqualTo(created.id());
        assertThat(found.external()).isEqualTo(identity);
        assertThat(accounts.findByExternal(issuer, "subject-2")).isEmpty();

        UUID other = as(
                        otherTenant,
                        () -> accounts.create(
                                NewAccount.invited(otherTenant, "sso@example.org", "Sso", Set.of(Role.AUDITOR))))
                .id();
        assertThatThrownBy(() -> as(otherTenant, () -> accounts.linkExternal(otherTenant, other, identity)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void knowsWhetherTheTenantHasAnAdmin() {
        assertThat(as(tenant, () -> accounts.hasAdmin(tenant))).isFalse();
        UUID admin = as(
                        tenant,
                        () -> accounts.create(
                                NewAccount.invited(tenant, "admin@example.org", "Admin", Set.of(Role.ADMIN))))
                .id();
        assertThat(as(tenant, () -> accounts.hasAdmin(tenant))).isTrue();
        assertThat(as(otherTenant, () -> accounts.hasAdmin(otherTenant))).isFalse();

        as(tenant, () -> accounts.setStatus(tenant, admin, AccountStatus.DISABLED));
        assertThat(as(tenant, () -> accounts.hasAdmin(tenant))).isFalse();
        assertThat(owner.fetchCount(APP_USER, APP_USER.TENANT_ID.eq(tenant))).isEqualTo(1);
    }

    @Test
    void refusesAnAccountWithoutRoles() {
        assertThatThrownBy(() ->
                        as(tenant, () -> accounts.create(NewAccount.invited(tenant, "n@example.org", "N", Set.of()))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
