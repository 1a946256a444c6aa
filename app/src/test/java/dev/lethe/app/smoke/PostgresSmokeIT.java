package dev.lethe.app.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.app.AppIntegrationTest;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.apikey.Role;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.infra.testing.UniqueNames;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PostgresSmokeIT extends AppIntegrationTest {

    @Autowired
    Tenants tenants;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void aTenantWrittenThroughJooqIsReadBack() {
        String slug = UniqueNames.of("acme");

        Tenant created = tenants.create(slug, "Acme Corp");

        assertThat(tenants.findBySlug(slug)).contains(created);
        assertThat(tenants.findBySlug(UniqueNames.of("nobody"))).isEmpty();
    }

    @Test
    void theBaselineMigrationCreatedTheDefaultTenant() {
        assertThat(tenants.findBySlug("default")).map(Tenant::id).contains(Tenant.DEFAULT_ID);
    }

    @Test
    void anApiKeyAuthenticatesByItsSecretOnly() {
        Tenant tenant = tenants.create(UniqueNames.of("keys"), "Keys");
        String secret = UniqueNames.of("secret-for-an-integration-0123456789");

        var key = as(tenant.id(), () -> apiKeys.ensure(tenant.id(), "ci", secret, Set.of(Role.ENGINEER)));
        var again = as(tenant.id(), () -> apiKeys.ensure(tenant.id(), "ci", secret, Set.of(Role.ENGINEER)));

        assertThat(again.id()).isEqualTo(key.id());
        assertThat(apiKeys.authenticate(secret)).contains(key);
        assertThat(apiKeys.authenticate(secret + "x")).isEmpty();
    }
}
