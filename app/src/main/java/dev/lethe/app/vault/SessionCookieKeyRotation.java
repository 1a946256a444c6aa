package dev.lethe.app.vault;

import dev.lethe.app.connectors.SealedKeyRotation;
import dev.lethe.ui.security.session.SessionCookieKeys;
import dev.lethe.vault.RewrappedOnRotation;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.Sealing;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The session cookie keys are sealed by the KMS: a KEK rotation re-wraps them like the other sealed keys. */
@Configuration(proxyBeanMethods = false)
class SessionCookieKeyRotation {

    @Bean
    RewrappedOnRotation sessionCookieKeyRewrap(DSLContext dsl, Kms kms) {
        return new SealedKeyRotation(dsl, new Sealing(kms, SessionCookieKeys.SEALING_LABEL), "web_session_key");
    }
}
