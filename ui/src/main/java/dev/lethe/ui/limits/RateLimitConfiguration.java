package dev.lethe.ui.limits;

import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one rate limiter of this instance, used by the request filters and the portal. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    RateLimiter rateLimiter(RateLimitProperties properties, DSLContext dsl) {
        return properties.store() == RateLimitProperties.Store.POSTGRES
                ? new PostgresRateLimiter(dsl)
                : new MemoryRateLimiter(Clock.systemUTC());
    }
}
