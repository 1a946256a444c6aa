package dev.lethe.workflows.request;

/** How far a request has got in one connected system. */
public enum SystemState {
    PENDING,
    RUNNING,
    /** Waiting for a person (manual task) or a system's callback. */
    WAITING,
    DONE,
    /** Failed for good after its retries; a privacy officer may retry or skip it. */
    FAILED,
    /** Left out, with the reason recorded (by a privacy officer, or nothing of the subject found). */
    SKIPPED;

    /** Whether the system needs nothing more for this request. */
    public boolean settled() {
        return this == DONE || this == SKIPPED;
    }
}
