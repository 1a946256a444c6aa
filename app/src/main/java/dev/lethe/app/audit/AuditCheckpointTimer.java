package dev.lethe.app.audit;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vouches for quiet chains: every {@code lethe.audit.checkpoint-interval} it signs a checkpoint of each
 * tenant's head (nothing new when the head has one already) and has them anchored; at start it first
 * anchors whatever was left unanchored.
 */
final class AuditCheckpointTimer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointTimer.class);

    private final AuditTrail trail;
    private final Tenants tenants;
    private final CheckpointAnchorer anchorer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("audit-checkpoints").daemon().factory());

    AuditCheckpointTimer(AuditTrail trail, Tenants tenants, CheckpointAnchorer anchorer, Duration interval) {
        this.trail = trail;
        this.tenants = tenants;
        this.anchorer = anchorer;
        long every = interval.toMillis();
        timer.execute(anchorer::catchUp);
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        for (Tenant tenant : tenants.all()) {
            try {
                TenantContext.runAs(tenant.id(), () -> trail.checkpoint(tenant.id()));
            } catch (RuntimeException e) {
                // The next round tries again; a missing checkpoint weakens, never breaks, verification.
                log.warn("Could not sign an audit checkpoint for tenant {}: {}", tenant.slug(), e.toString());
            }
        }
        anchorer.catchUp();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
