package dev.lethe.app.retention;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.dataset.Datasets;
import dev.lethe.catalog.retention.LegalHolds;
import dev.lethe.catalog.retention.RetentionPolicies;
import dev.lethe.catalog.ropa.EnforcementHistory;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.vault.Vault;
import dev.lethe.workflows.packages.RequestPackages;
import dev.lethe.workflows.request.IdentityHashes;
import dev.lethe.workflows.request.RequestStore;
import dev.lethe.workflows.retention.RetentionActivitiesImpl;
import dev.lethe.workflows.retention.RetentionControl;
import dev.lethe.workflows.retention.RetentionParts;
import dev.lethe.workflows.retention.RetentionPreviews;
import dev.lethe.workflows.retention.RetentionRuns;
import dev.lethe.workflows.retention.RetentionWorker;
import dev.lethe.workflows.retention.TemporalRetentionControl;
import dev.lethe.workflows.systems.ConnectedSystems;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Retention runs (docs/retention.md): the store of schedules and runs, previews, the control the API and
 * the schedules use, the workflows and activities registered on this process's worker (unless {@code
 * lethe.retention.workers=false}), and once the application is ready every unfinished run started again
 * and every tenant's schedule workflow started (new tenants' too, {@link TenantSchedules}). The record
 * of processing learns from the runs when each policy was last enforced.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

    @Bean
    RetentionRuns retentionRuns(DSLContext dsl, AuditTrail trail) {
        return new RetentionRuns(dsl, trail);
    }

    @Bean
    RetentionParts retentionParts(
            DSLContext dsl,
            AuditTrail trail,
            RetentionRuns runs,
            RetentionPolicies policies,
            Datasets datasets,
            LegalHolds holds,
            ConnectedSystems connected,
            Vault vault,
            RequestStore requests,
            RequestPackages packages,
            MeterRegistry meters,
            RetentionProperties properties) {
        return new RetentionParts(
                dsl,
                trail,
                runs,
                policies,
                datasets,
                holds,
                connected,
                new IdentityHashes(vault),
                requests,
                packages,
                meters,
                Clock.systemUTC(),
                properties.settings());
    }

    @Bean
    RetentionPreviews retentionPreviews(RetentionParts parts) {
        return new RetentionPreviews(parts);
    }

    @Bean
    RetentionControl retentionControl(WorkflowClient client, RetentionRuns runs, RetentionProperties properties) {
        return new TemporalRetentionControl(client, runs, properties.settings());
    }

    @Bean
    RetentionActivitiesImpl retentionActivities(
            RetentionParts parts, RetentionProperties properties, WorkerFactory workers) {
        RetentionActivitiesImpl activities = RetentionActivitiesImpl.over(parts);
        if (properties.workers()) {
            // Registered while the context starts; the factory starts polling once it is ready.
            RetentionWorker.register(workers, activities);
        }
        return activities;
    }

    @Bean(destroyMethod = "close")
    TenantSchedules tenantSchedules(Tenants tenants, RetentionControl control) {
        return new TenantSchedules(tenants, control);
    }

    @EventListener(ApplicationReadyEvent.class)
    void scheduleEveryTenant(ApplicationReadyEvent event) {
        var context = event.getApplicationContext();
        context.getBean(TenantSchedules.class)
                .start(context.getBean(RetentionProperties.class).tenantCheckInterval());
    }

    /** The record of processing's view of the runs: the latest DONE task of each policy on each dataset. */
    @Bean
    EnforcementHistory retentionEnforcementHistory(RetentionRuns runs) {
        return tenantId -> runs.lastEnforced(tenantId).stream()
                .map(last -> new EnforcementHistory.Enforced(last.policyId(), last.datasetId(), last.enforcedAt()))
                .toList();
    }
}
