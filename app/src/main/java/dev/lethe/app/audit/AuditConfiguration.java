package dev.lethe.app.audit;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.vault.kms.Kms;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail with signed checkpoints, and the timer that vouches for quiet chains. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    AuditTrail auditTrail(DSLContext dsl, Kms kms, AuditProperties properties) {
        return new AuditTrail(dsl, new Ed25519CheckpointSigner(dsl, kms), properties.checkpointEvery());
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService auditCheckpointTimer(AuditTrail trail, Tenants tenants, AuditProperties properties) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("audit-checkpoints").daemon().factory());
        long every = properties.checkpointInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> checkpointAll(trail, tenants), every, every, TimeUnit.MILLISECONDS);
        return timer;
    }

    private static void checkpointAll(AuditTrail trail, Tenants tenants) {
        for (Tenant tenant : tenants.all()) {
            try {
                TenantContext.runAs(tenant.id(), () -> trail.checkpoint(tenant.id()));
            } catch (RuntimeException e) {
                // The next round tries again; a missing checkpoint weakens, never breaks, verification.
                log.warn("Could not sign an audit checkpoint for tenant {}: {}", tenant.slug(), e.toString());
            }
        }
    }
}
