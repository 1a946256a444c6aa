package dev.lethe.app.requests;

import dev.lethe.catalog.tenant.Tenant;
import dev.lethe.catalog.tenant.TenantContext;
import dev.lethe.catalog.tenant.Tenants;
import dev.lethe.workflows.packages.RequestPackages;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every {@code lethe.requests.packages.sweep-interval}, deletes each tenant's expired packages. */
final class PackageExpiry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PackageExpiry.class);

    private final RequestPackages packages;
    private final Tenants tenants;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("package-expiry").daemon().factory());

    PackageExpiry(RequestPackages packages, Tenants tenants, Duration interval) {
        this.packages = packages;
        this.tenants = tenants;
        long every = interval.toMillis();
        timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        for (Tenant tenant : tenants.all()) {
            try {
                int deleted = TenantContext.callAs(tenant.id(), () -> packages.deleteExpired(tenant.id()));
                if (deleted > 0) {
                    log.info("Deleted {} expired request packages of tenant {}", deleted, tenant.slug());
                }
            } catch (RuntimeException e) {
                // the next round tries again; an expired package cannot be downloaded meanwhile
                log.warn("Could not delete expired packages of tenant {}: {}", tenant.slug(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
