package dev.lethe.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** Every outcome of a stream, counted (the app exposes them as metrics). Thread-safe. */
public final class StreamCounters {

    private final AtomicLong in = new AtomicLong();
    private final AtomicLong out = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();

    void in() {
        in.incrementAndGet();
    }

    void out() {
        out.incrementAndGet();
    }

    void deadLettered() {
        deadLettered.incrementAndGet();
    }

    void committed(int records) {
        committed.addAndGet(records);
    }

    void aborted() {
        aborted.incrementAndGet();
    }

    /** Records read, including those of aborted batches that are read again. */
    public long recordsIn() {
        return in.get();
    }

    public long recordsOut() {
        return out.get();
    }

    public long recordsDeadLettered() {
        return deadLettered.get();
    }

    /** Records whose batch committed: each source record counts exactly once here. */
    public long recordsCommitted() {
        return committed.get();
    }

    public long batchesAborted() {
        return aborted.get();
    }
}
