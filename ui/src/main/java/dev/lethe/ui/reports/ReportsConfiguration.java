package dev.lethe.ui.reports;

import dev.lethe.catalog.account.Accounts;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reports built from the audit chain. */
@Configuration(proxyBeanMethods = false)
class ReportsConfiguration {

    @Bean
    PersonalDataAccess personalDataAccess(DSLContext dsl, Accounts accounts) {
        return new PersonalDataAccess(dsl, accounts);
    }
}
