package dev.lethe.app.requests;

import dev.lethe.app.connectors.SealedKeyRotation;
import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.flow.DataFlows;
import dev.lethe.catalog.processing.ProcessingActivities;
import dev.lethe.catalog.taxonomy.Taxonomy;
import dev.lethe.vault.Vault;
import dev.lethe.vault.kms.Kms;
import dev.lethe.vault.kms.Sealing;
import dev.lethe.workflows.request.Deadlines;
import dev.lethe.workflows.request.IdentityHashes;
import dev.lethe.workflows.request.PurposeChecks;
import dev.lethe.workflows.request.RequestManagement;
import dev.lethe.workflows.request.RequestSignals;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.request.SubjectRestrictions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Data-subject requests in the application: the store the workflows read and record through, the
 * officers' actions behind the API, the subject sealed under the vault's KMS (re-wrapped on KEK
 * rotation like connection secrets), deadlines from {@link RequestsProperties}, and metrics.
 */
@Configuration(proxyBeanMethods = false)
class RequestsConfiguration {

    @Bean
    RequestSealing requestSealing(Kms kms) {
        return new RequestSealing(new Sealing(kms, RequestSealing.LABEL));
    }

    /** Sealed subjects take part in KEK rotation, as connection secrets do. */
    @Bean
    SealedKeyRotation requestSubjectRotation(DSLContext dsl, Kms kms) {
        return new SealedKeyRotation(dsl, new Sealing(kms, RequestSealing.LABEL), "request_subject");
    }

    /** Each regulation's due span, extension and reminder lead times (the workflow's timers read them too). */
    @Bean
    Deadlines requestDeadlines(RequestsProperties properties) {
        return properties.deadlines();
    }

    @Bean
    RequestMetrics requestMetrics(DSLContext dsl, MeterRegistry registry) {
        return new RequestMetrics(dsl, registry);
    }

    @Bean
    RequestStore requestStore(
            DSLContext dsl, AuditTrail trail, RequestSealing sealing, RequestSignals signals, RequestMetrics metrics) {
        return new RequestStore(dsl, trail, sealing, signals, metrics);
    }

    @Bean
    RequestManagement requestManagement(
            DSLContext dsl,
            AuditTrail trail,
            RequestSealing sealing,
            Vault vault,
            Deadlines deadlines,
            RequestSignals signals,
            RequestMetrics metrics) {
        return new RequestManagement(
                dsl, trail, sealing, new IdentityHashes(vault), deadlines, signals, Clock.systemUTC(), metrics);
    }

    @Bean
    PurposeChecks purposeChecks(
            DSLContext dsl,
            AuditTrail trail,
            Vault vault,
            DataFlows flows,
            ProcessingActivities activities,
            Taxonomy taxonomy) {
        return new PurposeChecks(
                new SubjectRestrictions(dsl, trail), new IdentityHashes(vault), flows, activities, taxonomy);
    }
}
