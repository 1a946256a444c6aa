package dev.lethe.ui.security;

import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.apikey.Scope;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * When {@code LETHE_BOOTSTRAP_API_KEY} is set, makes sure an ADMIN key with that value and every
 * scope (read, write, admin) exists for the default tenant, so that scripts can call the API, and
 * manage the platform, from the very first start.
 */
@Component
class BootstrapApiKey implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapApiKey.class);

    private final ApiKeys apiKeys;
    private final String secret;

    BootstrapApiKey(ApiKeys apiKeys, @Value("${lethe.bootstrap-api-key:}") String secret) {
        this.apiKeys = apiKeys;
        this.secret = secret;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (secret.isBlank()) {
            return;
        }
        if (secret.length() < ApiKeys.MIN_LENGTH) {
            throw new IllegalStateException("LETHE_BOOTSTRAP_API_KEY (lethe.bootstrap-api-key) must be at least "
                    + ApiKeys.MIN_LENGTH + " characters long; generate one with: openssl rand -hex 32");
        }
        var key = TenantContext.callAs(
                Tenant.DEFAULT_ID,
                () -> apiKeys.ensure(Tenant.DEFAULT_ID, "bootstrap", secret, Set.of(Role.ADMIN), Scope.all()));
        log.info("Bootstrap API key {}… is active for the default tenant", key.prefix());
    }
}
