package dev.lethe.app.audit;

import dev.lethe.catalog.audit.AuditTrail;
import dev.lethe.catalog.audit.CheckpointAnchoring;
import dev.lethe.catalog.audit.CheckpointAnchors;
import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors signed checkpoints outside PostgreSQL on a thread of its own, after their transaction has
 * committed: told by the audit trail about each new checkpoint, and asked by the checkpoint timer
 * (and once at start-up) to catch up on every tenant, so a checkpoint that could not be anchored while
 * Kafka was away is anchored later. Requests for a tenant already waiting are merged. Thread-safe.
 */
final class CheckpointAnchorer implements AuditTrail.CheckpointListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckpointAnchorer.class);
    private static final UUID ALL = new UUID(0, 0);

    private final CheckpointAnchors anchors;
    private final CheckpointAnchoring anchoring;
    private final Tenants tenants;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("audit-anchors").daemon().factory());
    private final Set<UUID> waiting = ConcurrentHashMap.newKeySet();

    CheckpointAnchorer(DSLContext dsl, CheckpointAnchors anchors, Tenants tenants) {
        this.anchors = anchors;
        this.anchoring = new CheckpointAnchoring(dsl, anchors);
        this.tenants = tenants;
    }

    @Override
    public void checkpointed(UUID tenantId) {
        request(tenantId, () -> anchor(tenantId));
    }

    /** Creates the anchor topic if it is missing, then anchors whatever any tenant has not anchored yet. */
    void catchUp() {
        request(ALL, this::anchorAll);
    }

    private void request(UUID key, Runnable work) {
        if (!waiting.add(key)) {
            return;
        }
        try {
            worker.execute(() -> {
                waiting.remove(key);
                work.run();
            });
        } catch (RejectedExecutionException e) {
            waiting.remove(key);
            // Shutting down: whatever is not anchored now is anchored at the next start.
        }
    }

    private void anchorAll() {
        try {
            anchors.prepare();
        } catch (CheckpointAnchors.AnchorsUnavailableException e) {
            log.warn(
                    "Audit checkpoints not anchored yet (tried again at the next checkpoint tick): {}", e.getMessage());
            return;
        }
        for (Tenant tenant : tenants.all()) {
            if (!anchor(tenant.id())) {
                return; // Kafka is away: the next tick tries again, without waiting on every tenant now.
            }
        }
    }

    private boolean anchor(UUID tenantId) {
        try {
            TenantContext.runAs(tenantId, () -> anchoring.anchorPending(tenantId));
            return true;
        } catch (CheckpointAnchors.AnchorsUnavailableException e) {
            log.warn(
                    "Audit checkpoints not anchored yet (tried again at the next checkpoint tick): {}", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.warn("Could not anchor the audit checkpoints of tenant {}: {}", tenantId, e.toString());
            return true;
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
