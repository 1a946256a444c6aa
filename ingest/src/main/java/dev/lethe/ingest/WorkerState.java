package dev.lethe.ingest;

/** What a stream worker is doing. */
public enum WorkerState {
    STARTING,
    RUNNING,
    /** Batches fail and are retried (after a growing pause); the reason says why. */
    FAILING,
    /** Stopped for good (closed, or fenced, or an error it can't recover from); the runtime may start a new one. */
    STOPPED
}
