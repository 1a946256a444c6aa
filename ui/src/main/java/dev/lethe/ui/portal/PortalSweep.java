package dev.lethe.ui.portal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Cancels unverified portal requests past their expiry every {@code lethe.portal.sweep-interval}. The
 * pages also check a request's expiry when they read it, so a request is never verified late even
 * between sweeps; the sweep makes sure the ones nobody comes back to end too. Each instance sweeps;
 * two at once cancel each request once (the request row is locked).
 */
final class PortalSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PortalSweep.class);

    private final PortalRequests requests;
    private final Duration interval;
    private ScheduledExecutorService executor;

    PortalSweep(PortalRequests requests, Duration interval) {
        this.requests = requests;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "portal-sweep");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            int expired = requests.sweep();
            if (expired > 0) {
                log.info("Canceled {} portal request(s) whose identity was not verified in time", expired);
            }
        } catch (RuntimeException e) {
            log.warn("The portal's expiry sweep failed; it runs again in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
