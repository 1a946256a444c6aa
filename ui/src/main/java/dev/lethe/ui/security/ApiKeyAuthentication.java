package dev.lethe.ui.security;

import dev.lethe.catalog.apikey.ApiKey;
import dev.lethe.catalog.audit.Actor;

/** A request authenticated by an API key: the key's tenant, roles and scopes, never its secret. */
public final class ApiKeyAuthentication extends LetheAuthentication {

    private final ApiKey apiKey;

    ApiKeyAuthentication(ApiKey apiKey) {
        super(apiKey.tenantId(), Actor.apiKey(apiKey.id().toString()), apiKey.roles(), apiKey.scopes());
        this.apiKey = apiKey;
    }

    public ApiKey apiKey() {
        return apiKey;
    }
}
