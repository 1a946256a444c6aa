package dev.lethe.ui.security.oidc;

import dev.lethe.catalog.account.Accounts;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.connectors.guard.OutboundGuard;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/** Single sign-on's beans: {@link OidcSignIn} always (a no-op until an issuer is configured). */
@Configuration(proxyBeanMethods = false)
class OidcConfiguration {

    @Bean
    OidcSignIn oidcSignIn(
            OidcProperties properties,
            Accounts accounts,
            Tenants tenants,
            AuditTrail audit,
            ObjectProvider<SecurityContextRepository> contexts,
            OutboundGuard guard) {
        return new OidcSignIn(
                properties,
                new LazyClientRegistrations(properties, guard),
                new OidcAccounts(properties, accounts, tenants, audit, Clock.systemUTC()),
                // The web chain's, so the session holds the person where the chain looks for them.
                contexts.getIfAvailable(HttpSessionSecurityContextRepository::new));
    }
}
