package dev.lethe.app.catalog;

import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.apikey.ApiKeys;
import dev.lethe.catalog.tenant.Tenants;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalog's access classes, on the application's jOOQ context. */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    @Bean
    Tenants tenants(DSLContext dsl) {
        return new Tenants(dsl);
    }

    @Bean
    ApiKeys apiKeys(DSLContext dsl) {
        return new ApiKeys(dsl);
    }

    @Bean
    Accounts accounts(DSLContext dsl) {
        return new Accounts(dsl);
    }
}
