package dev.lethe.app.retention;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.workflows.retention.RetentionControl;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a schedule workflow running for every tenant: once the application is ready it starts the runs
 * left RUNNING again (the embedded Temporal server forgets its workflows when it stops; PostgreSQL does
 * not) and each tenant's schedule workflow; then, every {@code lethe.retention.tenant-check-interval}, the
 * schedule of each tenant it has not seen (tenants are created by other processes and tools too, so it
 * looks rather than waits to be told). Starting a schedule is idempotent; a failure is tried again on the
 * next round.
 */
final class TenantSchedules implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TenantSchedules.class);

    private final Tenants tenants;
    private final RetentionControl control;
    private final Set<UUID> scheduled = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("retention-schedules").daemon().factory());

    TenantSchedules(Tenants tenants, RetentionControl control) {
        this.tenants = tenants;
        this.control = control;
    }

    /** Resumes unfinished runs, then keeps every tenant scheduled. */
    void start(Duration checkInterval) {
        timer.execute(this::resume);
        long every = checkInterval.toMillis();
        timer.scheduleWithFixedDelay(this::scheduleNewTenants, 0, every, TimeUnit.MILLISECONDS);
    }

    private void resume() {
        try {
            int resumed = control.resumeUnfinished();
            if (resumed > 0) {
                log.info("Retention: {} unfinished runs started again", resumed);
            }
        } catch (RuntimeException e) {
            log.warn("Retention: unfinished runs could not be started again: {}", e.toString());
        }
    }

    void scheduleNewTenants() {
        for (Tenant tenant : TenantContext.callAsPlatform(tenants::all)) {
            if (scheduled.contains(tenant.id())) {
                continue;
            }
            try {
                TenantContext.runAs(tenant.id(), () -> control.ensureScheduled(tenant.id()));
                scheduled.add(tenant.id());
            } catch (RuntimeException e) {
                log.warn("Retention: the schedule of tenant {} did not start: {}", tenant.slug(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
