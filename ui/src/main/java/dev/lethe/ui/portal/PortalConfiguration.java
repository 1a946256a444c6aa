package dev.lethe.ui.portal;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.ui.limits.RateLimiter;
import dev.lethe.ui.signals.AddressHashes;
import dev.lethe.ui.signals.SecuritySignals;
import dev.lethe.ui.signals.SignalBursts;
import dev.lethe.vault.Vault;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.receipt.Receipts;
import dev.lethe.workflows.request.IdentitySealing;
import dev.lethe.workflows.request.RequestManagement;
import dev.lethe.workflows.request.RequestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The data-subject portal: its mail, limits, challenges, signals, requests, expiry sweep and languages. */
@Configuration(proxyBeanMethods = false)
class PortalConfiguration implements WebMvcConfigurer {

    @Bean
    PortalMail portalMail(PortalProperties properties, MessageSource messages, ObjectProvider<SslBundles> bundles) {
        return new PortalMail(
                PortalMailSender.of(properties.mail(), bundles.getIfAvailable()), properties.mail(), messages);
    }

    @Bean
    PortalIdentityFields portalIdentityFields(PortalProperties properties, MessageSource messages) {
        return new PortalIdentityFields(properties, messages);
    }

    @Bean
    RateLimits portalRateLimits(RateLimiter limiter) {
        return new RateLimits(limiter);
    }

    @Bean
    PortalGuard portalGuard(
            RateLimiter limiter, PortalProperties properties, PortalAbuseProperties abuse, PortalLimits stored) {
        return new PortalGuard(limiter, properties, abuse, Clock.systemUTC(), stored::stored);
    }

    @Bean
    PortalLimits portalLimits(DSLContext dsl, AuditTrail audit) {
        return new PortalLimits(dsl, audit);
    }

    @Bean
    PortalSignals portalSignals(
            SecuritySignals signals, AddressHashes addresses, SignalBursts bursts, PortalAbuseProperties abuse) {
        return new PortalSignals(signals, addresses, bursts, abuse.signals());
    }

    @Bean
    PortalRequests portalRequests(
            Tenants tenants,
            RequestManagement management,
            RequestStore store,
            Vault vault,
            DSLContext dsl,
            PortalMail mail,
            PortalProperties properties,
            PortalAgents agents) {
        return new PortalRequests(tenants, management, store, vault, dsl, mail, properties, agents, Clock.systemUTC());
    }

    @Bean
    PortalAgents portalAgents(DSLContext dsl, IdentitySealing sealing, AuditTrail audit) {
        return new PortalAgents(dsl, sealing, audit);
    }

    @Bean
    PortalDownloads portalDownloads(
            RequestPackages packages,
            RequestStore store,
            Vault vault,
            DSLContext dsl,
            AuditTrail audit,
            PortalMail mail,
            PortalProperties properties) {
        return new PortalDownloads(packages, store, vault, dsl, audit, mail, properties, Clock.systemUTC());
    }

    @Bean
    PortalErasureNotices portalErasureNotices(Receipts receipts, DSLContext dsl) {
        return new PortalErasureNotices(receipts, dsl);
    }

    /** Named so that the portal's layout asks it whether a tenant has a logo ({@code @portalLogos}). */
    @Bean
    PortalLogos portalLogos(Environment environment) {
        return new PortalLogos(Binder.get(environment)
                .bind("lethe.portal.logos", Bindable.mapOf(String.class, Path.class))
                .orElse(Map.of()));
    }

    @Bean
    PortalSweep portalSweep(PortalRequests requests, PortalProperties properties) {
        return new PortalSweep(requests, properties.sweepInterval());
    }

    /** The page's language: {@code ?lang=} remembered in a cookie, else the browser's (Accept-Language). */
    @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        return PortalLanguages.resolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PortalLanguages.Switch()).addPathPatterns("/privacy/**");
    }
}
