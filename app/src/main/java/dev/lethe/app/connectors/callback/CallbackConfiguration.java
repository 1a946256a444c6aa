package dev.lethe.app.connectors.callback;

import dev.lethe.app.connectors.SealedKeyRotation;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.connectors.manual.ManualTaskConnectorType;
import dev.lethe.connectors.webhook.WebhookConnectorType;
import dev.lethe.ui.connectors.callback.Callbacks;
import dev.lethe.ui.connectors.callback.ClosedOperations;
import dev.lethe.ui.connectors.callback.ManualTasks;
import dev.lethe.ui.connectors.callback.PendingCompletions;
import dev.lethe.ui.connectors.callback.PendingOperationStore;
import dev.lethe.ui.security.AddressRateLimit;
import dev.lethe.ui.security.SecurityHeaders;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.Sealing;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Pending operations of connectors: their store, the webhook and manual connector types built on
 * it, the callback endpoint and the manual tasks API.
 */
@Configuration(proxyBeanMethods = false)
class CallbackConfiguration {

    @Bean
    PendingOperationStore pendingOperationStore(
            DSLContext dsl, CallbackProperties properties, Kms kms, PendingCompletions completions) {
        return new PendingOperationStore(
                dsl, properties.callbackPrefix(), new Sealing(kms, PendingOperationStore.RESULT_LABEL), completions);
    }

    /** Sealed results take part in KEK rotation, as connection secrets do. */
    @Bean
    SealedKeyRotation pendingResultRotation(DSLContext dsl, Kms kms) {
        return new SealedKeyRotation(dsl, new Sealing(kms, PendingOperationStore.RESULT_LABEL), "pending_result");
    }

    @Bean
    Callbacks callbacks(
            DSLContext dsl, PendingOperationStore store, AuditTrail audit, ObjectProvider<ClosedOperations> closed) {
        return new Callbacks(dsl, store, audit, closed.getIfAvailable(() -> ClosedOperations.NONE));
    }

    @Bean
    ManualTasks manualTasks(DSLContext dsl, PendingOperationStore store, AuditTrail audit) {
        return new ManualTasks(dsl, store, audit);
    }

    @Bean
    WebhookConnectorType webhookConnectorType(PendingOperationStore store) {
        return new WebhookConnectorType(store);
    }

    @Bean
    ManualTaskConnectorType manualTaskConnectorType(PendingOperationStore store) {
        return new ManualTaskConnectorType(store);
    }

    /**
     * Callbacks carry no API key: the one-time token in the path is the credential. This chain
     * comes before the API's, which would ask for a key; nothing else is under this path.
     */
    @Bean
    @Order(0)
    SecurityFilterChain callbackSecurity(HttpSecurity http, AddressRateLimit addressLimit) throws Exception {
        // Counted per client address like the API (threat model 4.10): a flood is answered 429.
        return addressLimit
                .applyTo(http)
                .securityMatcher("/api/v1/callbacks/*")
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(SecurityHeaders.with(SecurityHeaders.API_POLICY))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
