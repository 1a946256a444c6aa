package dev.lethe.ui.portal;

import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.ui.limits.RateLimiter;
import dev.lethe.vault.Vault;
import dev.lethe.workflows.request.RequestManagement;
import dev.lethe.workflows.request.RequestStore;
import java.time.Clock;
import java.util.Properties;
import org.jooq.DSLContext;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The data-subject portal: its mail, limits, requests, expiry sweep and languages. */
@Configuration(proxyBeanMethods = false)
class PortalConfiguration implements WebMvcConfigurer {

    @Bean
    PortalMail portalMail(PortalProperties properties, MessageSource messages) {
        PortalProperties.Mail settings = properties.mail();
        // Its own sender, not Spring Boot's spring.mail.*: the portal's relay is the portal's setting.
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setDefaultEncoding("UTF-8");
        if (!settings.host().isBlank()) {
            sender.setHost(settings.host());
            sender.setPort(settings.port());
            if (!settings.username().isBlank()) {
                sender.setUsername(settings.username());
                sender.setPassword(settings.password());
            }
        }
        Properties javaMail = sender.getJavaMailProperties();
        javaMail.put("mail.smtp.auth", String.valueOf(!settings.username().isBlank()));
        javaMail.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        javaMail.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
        javaMail.put("mail.smtp.connectiontimeout", "5000");
        javaMail.put("mail.smtp.timeout", "10000");
        javaMail.put("mail.smtp.writetimeout", "10000");
        return new PortalMail(sender, settings, messages);
    }

    @Bean
    RateLimits portalRateLimits(RateLimiter limiter) {
        return new RateLimits(limiter);
    }

    @Bean
    PortalRequests portalRequests(
            Tenants tenants,
            RequestManagement management,
            RequestStore store,
            Vault vault,
            DSLContext dsl,
            PortalMail mail,
            PortalProperties properties) {
        return new PortalRequests(tenants, management, store, vault, dsl, mail, properties, Clock.systemUTC());
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
