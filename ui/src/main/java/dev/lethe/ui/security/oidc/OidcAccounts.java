package dev.lethe.ui.security.oidc;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.AccountStatus;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.account.ExternalIdentity;
import dev.lethe.catalog.account.NewAccount;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.audit.Actor;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.ui.security.jwt.JwtAuthenticator;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Maps a person the provider signed in to their local account: found by the provider's issuer and
 * subject; on the first sign-in linked to the tenant's account with the same (verified) e-mail
 * address, or created. The provider is the source of the roles: they are taken from the roles
 * claim at every sign-in. People without a Lethe role, with a disabled account, or without a
 * tenant are refused, and each sign-in and refusal is audited in the tenant (ids, never addresses).
 */
final class OidcAccounts {

    private static final Logger log = LoggerFactory.getLogger(OidcAccounts.class);
    private static final Actor SIGN_IN = Actor.system("sign-in");

    private final OidcProperties properties;
    private final Accounts accounts;
    private final Tenants tenants;
    private final AuditTrail audit;
    private final Clock clock;

    OidcAccounts(OidcProperties properties, Accounts accounts, Tenants tenants, AuditTrail audit, Clock clock) {
        this.properties = properties;
        this.accounts = accounts;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    /** The account the person signs in as; throws an authentication failure when they may not. */
    Account signIn(OidcUser user) {
        var external = new ExternalIdentity(user.getIdToken().getIssuer().toString(), user.getSubject());
        Set<Role> roles = JwtAuthenticator.roles(JwtAuthenticator.claim(user.getClaims(), properties.rolesClaim()));
        Optional<Account> linked = accounts.findByExternal(external.issuer(), external.subject());
        UUID tenantId = linked.map(Account::tenantId).orElseGet(() -> tenantOf(user));
        if (tenantId == null) {
            log.info("Single sign-on refused: the provider named no tenant of this Lethe");
            throw refused("no_tenant", "Your identity provider did not say which Lethe tenant you belong to.");
        }
        return TenantContext.callAs(tenantId, () -> signIn(tenantId, user, external, roles, linked));
    }

    private Account signIn(
            UUID tenantId, OidcUser user, ExternalIdentity external, Set<Role> roles, Optional<Account> linked) {
        if (roles.isEmpty()) {
            // No account is made for someone who may do nothing here.
            audit(tenantId, linked.map(Account::id).orElse(null), "sign_in.sso.refused", Map.of("reason", "no_role"));
            throw refused("no_role", "Your identity provider gives you no Lethe role.");
        }
        Account account = linked.orElseGet(() -> firstSignIn(tenantId, user, external, roles));
        if (account.status() == AccountStatus.DISABLED) {
            audit(tenantId, account.id(), "sign_in.sso.refused", Map.of("reason", "disabled"));
            throw refused("disabled", "Your Lethe account is disabled.");
        }
        if (!account.roles().equals(roles)) {
            accounts.setRoles(tenantId, account.id(), roles);
        }
        if (account.status() != AccountStatus.ACTIVE) {
            accounts.setStatus(tenantId, account.id(), AccountStatus.ACTIVE);
        }
        accounts.recordSignIn(tenantId, account.id(), clock.instant());
        audit(tenantId, account.id(), "sign_in.sso", Map.of("roles", roles.toString()));
        return accounts.find(tenantId, account.id()).orElseThrow();
    }

    private Account firstSignIn(UUID tenantId, OidcUser user, ExternalIdentity external, Set<Role> roles) {
        String email = user.getEmail();
        if (email == null || email.isBlank()) {
            throw refused("no_email", "Your identity provider did not send an e-mail address.");
        }
        Optional<Account> sameAddress = accounts.findByEmail(tenantId, email);
        if (sameAddress.isPresent()) {
            Account local = sameAddress.get();
            // Only a verified address may claim an existing account: otherwise anyone who can set an
            // address at the provider could take over a local account.
            if (local.external() != null || !Boolean.TRUE.equals(user.getEmailVerified())) {
                audit(tenantId, local.id(), "sign_in.sso.refused", Map.of("reason", "address_taken"));
                throw refused("address_taken", "A Lethe account with your e-mail address exists and cannot be linked.");
            }
            audit(tenantId, local.id(), "account.sso_linked", Map.of());
            return accounts.linkExternal(tenantId, local.id(), external).orElseThrow();
        }
        String name = user.getFullName() != null && !user.getFullName().isBlank() ? user.getFullName() : email;
        Account created =
                accounts.create(new NewAccount(tenantId, email, name, roles, AccountStatus.ACTIVE, null, external));
        audit(tenantId, created.id(), "account.sso_created", Map.of("roles", roles.toString()));
        return created;
    }

    private UUID tenantOf(OidcUser user) {
        Object claimed = user.getClaims().get(properties.tenantClaim());
        String value = claimed != null ? claimed.toString() : properties.defaultTenant();
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return tenants.find(UUID.fromString(value)).map(Tenant::id).orElse(null);
        } catch (IllegalArgumentException notAnId) {
            return tenants.findBySlug(value).map(Tenant::id).orElse(null);
        }
    }

    private void audit(UUID tenantId, UUID userId, String action, Map<String, String> details) {
        audit.append(new AuditEvent(tenantId, SIGN_IN, action, userId == null ? "" : "user:" + userId, details));
    }

    private static OAuth2AuthenticationException refused(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error("lethe_" + code, description, null), description);
    }
}
