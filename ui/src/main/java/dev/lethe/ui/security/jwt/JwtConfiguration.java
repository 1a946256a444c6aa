package dev.lethe.ui.security.jwt;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.connectors.guard.OutboundGuard;
import dev.lethe.ui.security.GuardedHttp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JWT bearer tokens on the API, when {@code lethe.security.jwt.issuer} is set. The signing keys
 * are fetched when the first token arrives (and cached), so Lethe starts while the issuer is away.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "lethe.security.jwt", name = "issuer")
class JwtConfiguration {

    @Bean
    JwtAuthenticator jwtAuthenticator(JwtProperties properties, Tenants tenants, OutboundGuard guard) {
        // The issuer and its JWKS are reached only through the outbound guard, as connectors are (at the
        // first token, not at start-up: Lethe starts while the issuer is away).
        return new JwtAuthenticator(
                properties,
                JwtAuthenticator.decoder(properties, GuardedHttp.restTemplate(guard)),
                value -> tenantId(tenants, value));
    }

    /** A tenant by id or slug: ids for machines, slugs for people who configure the issuer's claims. */
    private static Optional<UUID> tenantId(Tenants tenants, String value) {
        try {
            return tenants.find(UUID.fromString(value)).map(Tenant::id);
        } catch (IllegalArgumentException notAnId) {
            return tenants.findBySlug(value).map(Tenant::id);
        }
    }
}
