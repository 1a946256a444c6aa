package dev.lethe.app.security;

import dev.lethe.catalog.apikey.ApiKey;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API key: the key's tenant and roles, never its secret. */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKey apiKey;

    ApiKeyAuthentication(ApiKey apiKey) {
        super(apiKey.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList());
        this.apiKey = apiKey;
        setAuthenticated(true);
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
