package dev.lethe.app.security;

import dev.lethe.catalog.apikey.ApiKey;
import dev.lethe.catalog.apikey.Scope;
import java.util.stream.Stream;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by an API key: the key's tenant, roles and scopes, never its secret. Its
 * authorities are the roles as {@code ROLE_<role>} and the scopes as {@code SCOPE_<scope>}
 * ({@code SCOPE_read}, {@code SCOPE_write}, {@code SCOPE_admin}).
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKey apiKey;

    ApiKeyAuthentication(ApiKey apiKey) {
        super(Stream.concat(
                        apiKey.roles().stream().map(role -> "ROLE_" + role.name()),
                        apiKey.scopes().stream().map(ApiKeyAuthentication::authority))
                .map(SimpleGrantedAuthority::new)
                .toList());
        this.apiKey = apiKey;
        setAuthenticated(true);
    }

    /** The authority that stands for a scope: {@code SCOPE_read}, {@code SCOPE_write}, {@code SCOPE_admin}. */
    public static String authority(Scope scope) {
        return "SCOPE_" + scope.code();
    }

    public ApiKey apiKey() {
        return apiKey;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return "api-key:" + apiKey.id();
    }
}
