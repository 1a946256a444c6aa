package dev.lethe.app.retention;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.ropa.EnforcementHistory;
import dev.lethe.workflows.retention.RetentionRuns;
import org.jooq.DSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Retention runs: the store of schedules and runs, and what the record of processing learns from it
 * (when each policy was last enforced on each dataset).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

    @Bean
    RetentionRuns retentionRuns(DSLContext dsl, AuditTrail trail) {
        return new RetentionRuns(dsl, trail);
    }

    /** The record of processing's view of the runs: the latest DONE task of each policy on each dataset. */
    @Bean
    EnforcementHistory retentionEnforcementHistory(RetentionRuns runs) {
        return tenantId -> runs.lastEnforced(tenantId).stream()
                .map(last -> new EnforcementHistory.Enforced(last.policyId(), last.datasetId(), last.enforcedAt()))
                .toList();
    }
}
