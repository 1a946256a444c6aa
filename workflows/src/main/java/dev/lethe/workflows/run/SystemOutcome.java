package dev.lethe.workflows.run;

import java.util.Objects;
import java.util.UUID;

/**
 * What running a request in one system came to (already recorded in the store by the activity).
 *
 * @param connectionId the system's connection
 * @param result done there, or waiting for a person or a callback
 * @param affected records the request acted on there (erased, exported, corrected, restricted, …)
 * @param exceptions what could not be done there or was retained (with the reason recorded in the
 *     store); more than zero makes the request complete with exceptions
 * @param pendingOperation for {@link Result#WAITING}: the manual task or callback it waits for, as the
 *     store names it (an id, never personal data); otherwise null
 */
public record SystemOutcome(UUID connectionId, Result result, long affected, long exceptions, String pendingOperation) {

    public enum Result {
        DONE,
        /** Waits for a manual task or a webhook callback; the store signals {@code changed} when it arrives. */
        WAITING
    }

    public SystemOutcome {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(result, "result");
    }

    public static SystemOutcome done(UUID connectionId, long affected, long exceptions) {
        return new SystemOutcome(connectionId, Result.DONE, affected, exceptions, null);
    }

    public static SystemOutcome waiting(UUID connectionId, String pendingOperation) {
        return new SystemOutcome(connectionId, Result.WAITING, 0, 0, pendingOperation);
    }
}
