package dev.lethe.workflows.retention;

/** Where one policy's purge of one dataset is within a run. */
public enum TaskState {
    PENDING,
    RUNNING,
    DONE,
    /** Failed after its last attempt, or cannot be enforced as configured (the reason says which). */
    FAILED,
    /** Not enforced, on purpose: no connection that can purge, an EVENT clock on a topic (the reason says which). */
    SKIPPED,
    /** A legal hold covers the system, dataset or category (the reason names the hold). */
    HELD;

    public boolean finished() {
        return this != PENDING && this != RUNNING;
    }
}
