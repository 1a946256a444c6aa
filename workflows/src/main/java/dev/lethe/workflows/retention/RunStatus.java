package dev.lethe.workflows.retention;

/** Where a retention run is: running, or how it ended. */
public enum RunStatus {
    RUNNING,
    /** Every task done, skipped or held. */
    COMPLETED,
    /** At least one task failed after its last attempt; the others ran. */
    COMPLETED_WITH_FAILURES,
    /** The run itself could not be planned or finished. */
    FAILED;

    public boolean finished() {
        return this != RUNNING;
    }
}
