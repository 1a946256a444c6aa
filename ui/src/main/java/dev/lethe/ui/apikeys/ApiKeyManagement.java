package dev.lethe.ui.apikeys;

import dev.lethe.catalog.account.Account;
import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.apikey.ApiKey;
import dev.lethe.catalog.apikey.ApiKeyNameTakenException;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.IssuedApiKey;
import dev.lethe.catalog.apikey.NewApiKey;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.audit.AuditEvent;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.ui.apikeys.ApiKeyRequests.CreatedKey;
import dev.lethe.ui.apikeys.ApiKeyRequests.KeyView;
import dev.lethe.ui.apikeys.ApiKeyRequests.NewKey;
import dev.lethe.ui.apikeys.ApiKeyRequests.Owner;
import dev.lethe.ui.security.ApiKeyAuthentication;
import dev.lethe.ui.security.LetheAuthentication;
import dev.lethe.ui.security.UserAuthentication;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A tenant's API keys, for its ADMINs — what the API and the page both do. Keys belong to people: a key
 * made by a signed-in person, or with a person's key, is owned by that person and ends when they are
 * disabled. A key never holds more than whoever makes it: its roles and scopes are a subset of the
 * creator's, and a key made with an expiring key expires no later. Every creation and revocation is
 * audited ({@code api_key.created}, {@code api_key.revoked}).
 */
@Service
class ApiKeyManagement {

    static final int MAX_NAME_LENGTH = 100;

    private final ApiKeys apiKeys;
    private final Accounts accounts;
    private final AuditTrail trail;

    ApiKeyManagement(ApiKeys apiKeys, Accounts accounts, AuditTrail trail) {
        this.apiKeys = apiKeys;
        this.accounts = accounts;
        this.trail = trail;
    }

    /** The tenant's keys that are not revoked, newest first, with their owners' names. */
    List<KeyView> list(UUID tenantId) {
        Map<UUID, Account> people =
                accounts.list(tenantId).stream().collect(Collectors.toMap(Account::id, Function.identity()));
        return apiKeys.list(tenantId).stream()
                .map(key -> view(key, people.get(key.ownerId())))
                .toList();
    }

    /**
     * Makes a key for the caller's tenant and returns it with its secret.
     *
     * @throws ApiKeyProblem 400 for a bad name, scope or expiry; 403 for a role or scope the caller lacks;
     *     409 for a name another key has
     */
    CreatedKey create(LetheAuthentication caller, NewKey request) {
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new ApiKeyProblem(HttpStatus.BAD_REQUEST, "name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        Set<Role> roles = roles(request.roles());
        Set<Scope> scopes = scopes(request.scopes());
        if (!caller.roles().containsAll(roles)) {
            throw new ApiKeyProblem(
                    HttpStatus.FORBIDDEN, "A key cannot have a role that whoever makes it lacks: " + names(roles));
        }
        if (!caller.scopes().containsAll(scopes)) {
            throw new ApiKeyProblem(HttpStatus.FORBIDDEN, "A key cannot have a scope that whoever makes it lacks");
        }
        Instant expiresAt = request.expiresAt();
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new ApiKeyProblem(HttpStatus.BAD_REQUEST, "expiresAt must be in the future");
        }
        if (caller instanceof ApiKeyAuthentication byKey && byKey.apiKey().expiresAt() != null) {
            Instant limit = byKey.apiKey().expiresAt();
            if (expiresAt == null || expiresAt.isAfter(limit)) {
                throw new ApiKeyProblem(
                        HttpStatus.BAD_REQUEST,
                        "expiresAt must be set and not later than the expiry of the key that makes it (" + limit + ")");
            }
        }
        UUID tenantId = caller.tenantId();
        UUID owner = ownerOf(caller);
        IssuedApiKey issued;
        try {
            issued = apiKeys.create(new NewApiKey(tenantId, name, roles, scopes, owner, expiresAt));
        } catch (ApiKeyNameTakenException e) {
            throw new ApiKeyProblem(HttpStatus.CONFLICT, e.getMessage());
        }
        ApiKey key = issued.key();
        audit(
                caller,
                "api_key.created",
                key.id(),
                Map.of(
                        "roles",
                        names(roles),
                        "scopes",
                        codes(scopes),
                        "owner",
                        owner == null ? "" : "user:" + owner,
                        "expiresAt",
                        expiresAt == null ? "" : expiresAt.toString()));
        Account ownerAccount =
                owner == null ? null : accounts.find(tenantId, owner).orElse(null);
        return CreatedKey.of(view(key, ownerAccount), issued.secret());
    }

    /**
     * Revokes the tenant's key.
     *
     * @throws ApiKeyProblem 404 when the tenant has no such unrevoked key
     */
    void revoke(LetheAuthentication caller, UUID id) {
        if (!apiKeys.revoke(caller.tenantId(), id)) {
            throw new ApiKeyProblem(HttpStatus.NOT_FOUND, "No API key with this id");
        }
        audit(caller, "api_key.revoked", id, Map.of());
    }

    /** The person a key made by the caller acts for: the signed-in person, or the owner of the caller's key. */
    private static UUID ownerOf(LetheAuthentication caller) {
        if (caller instanceof UserAuthentication person) {
            return person.userId();
        }
        if (caller instanceof ApiKeyAuthentication byKey) {
            return byKey.apiKey().ownerId();
        }
        return null;
    }

    private void audit(LetheAuthentication caller, String action, UUID keyId, Map<String, String> details) {
        UUID tenantId = caller.tenantId();
        TenantContext.runAs(
                tenantId,
                () -> trail.append(new AuditEvent(tenantId, caller.actor(), action, "api-key:" + keyId, details)));
    }

    private static Set<Role> roles(Set<Role> roles) {
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(Objects::isNull)) {
            throw new ApiKeyProblem(
                    HttpStatus.BAD_REQUEST,
                    "roles must name at least one of ADMIN, PRIVACY_OFFICER, ENGINEER, AUDITOR");
        }
        return EnumSet.copyOf(roles);
    }

    private static Set<Scope> scopes(Set<String> codes) {
        if (codes == null) {
            return EnumSet.of(Scope.READ, Scope.WRITE);
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String code : codes) {
            try {
                scopes.add(Scope.ofCode(code == null ? "" : code.strip()));
            } catch (IllegalArgumentException e) {
                throw new ApiKeyProblem(HttpStatus.BAD_REQUEST, "scopes must be some of read, write, admin");
            }
        }
        if (scopes.isEmpty()) {
            throw new ApiKeyProblem(HttpStatus.BAD_REQUEST, "scopes must name at least one of read, write, admin");
        }
        return scopes;
    }

    static KeyView view(ApiKey key, Account owner) {
        return new KeyView(
                key.id(),
                key.name(),
                key.prefix(),
                key.roles().stream().sorted().toList(),
                key.scopes().stream().sorted().map(Scope::code).toList(),
                key.createdAt(),
                key.expiresAt(),
                key.lastUsedAt(),
                key.ownerId() == null ? null : new Owner(key.ownerId(), owner == null ? "" : owner.displayName()));
    }

    private static String names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static String codes(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::code).collect(Collectors.joining(","));
    }
}
