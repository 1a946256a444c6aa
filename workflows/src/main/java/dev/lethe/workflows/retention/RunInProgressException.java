package dev.lethe.workflows.retention;

import java.util.UUID;

/**
 * A tenant's retention run was asked for while another one runs (at most one at a time); the API answers
 * 409.
 */
public final class RunInProgressException extends RuntimeException {

    private final UUID runningRunId;

    public RunInProgressException(UUID runningRunId) {
        super("A retention run is in progress: " + runningRunId);
        this.runningRunId = runningRunId;
    }

    /** The run in progress, or null when it was not known yet. */
    public UUID runningRunId() {
        return runningRunId;
    }
}
