package dev.lethe.connectors.spi;

import dev.lethe.connectors.spi.Purging.Pace;
import java.util.concurrent.TimeUnit;

/**
 * A purge's {@link Pace} kept between its batches: after each batch it waits for the pause, and
 * longer when the records so far came faster than the rate limit allows. While it waits it keeps
 * asking the context whether to stop, so a stop request ends a slow purge within a tenth of a
 * second, not after its pause. Not thread-safe: one purge, one pacing.
 */
public final class Pacing {

    /** How long one sleep lasts at most between two stop checks. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Pace pace;
    private final OperationContext context;
    private final long started;
    private long records;

    public Pacing(Pace pace, OperationContext context) {
        this.pace = pace;
        this.context = context;
        this.started = System.nanoTime();
    }

    /**
     * The batch size to use: at most one second's worth of records under a rate limit, so a limit
     * smooths the load instead of allowing one large burst followed by a long wait.
     */
    public int batchSize(int batchSize) {
        return pace.maxRecordsPerSecond() > 0 ? Math.min(batchSize, pace.maxRecordsPerSecond()) : batchSize;
    }

    /**
     * Called after a batch (that changed or examined {@code batchRecords} records) when another one
     * follows: waits as the pace asks, checking for a stop request throughout.
     *
     * @throws OperationStoppedException when the caller asked the purge to stop
     */
    public void afterBatch(long batchRecords) {
        records += batchRecords;
        long now = System.nanoTime();
        long wait = pace.pauseBetweenBatches().toNanos();
        if (pace.maxRecordsPerSecond() > 0) {
            long due = started + records * TimeUnit.SECONDS.toNanos(1) / pace.maxRecordsPerSecond();
            wait = Math.max(wait, due - now);
        }
        long until = now + wait;
        for (long left = wait; left > 0; left = until - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, SLICE_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationStoppedException(context.operationId());
            }
            context.checkpoint();
        }
    }
}
