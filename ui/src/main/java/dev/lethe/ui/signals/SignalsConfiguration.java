package dev.lethe.ui.signals;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.ui.limits.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The security signals: detokenization and tokenize volume, sign-in failure bursts, API keys from new addresses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignalsProperties.class)
class SignalsConfiguration {

    @Bean
    SecuritySignals securitySignals(AuditTrail trail, MeterRegistry meters) {
        return new SecuritySignals(trail, meters);
    }

    @Bean
    AddressHashes addressHashes(SignalsProperties properties) {
        return new AddressHashes(properties.addressKey());
    }

    @Bean
    DetokenizationVolume detokenizationVolume(DSLContext dsl, SecuritySignals signals, SignalsProperties properties) {
        return new DetokenizationVolume(dsl, signals, properties, Clock.systemUTC());
    }

    @Bean
    TokenizeVolume tokenizeVolume(DSLContext dsl, SecuritySignals signals, SignalsProperties properties) {
        return new TokenizeVolume(dsl, signals, properties, Clock.systemUTC());
    }

    @Bean
    SignalBursts signalBursts(RateLimiter limiter) {
        return new SignalBursts(limiter);
    }

    @Bean
    SignInFailures signInFailures(
            SecuritySignals signals, AddressHashes addresses, SignalBursts bursts, SignalsProperties properties) {
        return new SignInFailures(signals, addresses, bursts, properties);
    }

    @Bean
    ApiKeyAddresses apiKeyAddresses(
            DSLContext dsl, AddressHashes addresses, SecuritySignals signals, SignalsProperties properties) {
        return new ApiKeyAddresses(dsl, addresses, signals, properties);
    }
}
