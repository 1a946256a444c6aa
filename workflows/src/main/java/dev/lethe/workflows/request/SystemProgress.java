package dev.lethe.workflows.request;

import java.util.Objects;
import java.util.UUID;

/**
 * One connected system's part in a request. A system is one registered connection (and the catalog
 * system it reaches); its progress is recorded in PostgreSQL, so a restarted workflow continues where
 * it was.
 *
 * @param connectionId the connection the request runs through (the system's key in the API)
 * @param systemId the catalog system the connection reaches
 * @param name the connection's name, for people
 * @param connectorType the connection's connector type ({@code postgresql}, {@code webhook}, …)
 * @param state how far the request has got there
 * @param found the subject's records found there when the request was scoped (-1: not known yet)
 * @param detail for people: why it failed, why it was skipped, what it waits for; never personal data
 * @param pendingOperation the pending operation it waits for ({@link SystemState#WAITING}), or null
 * @param attempts how many times the request has run there (retries by a person count)
 */
public record SystemProgress(
        UUID connectionId,
        UUID systemId,
        String name,
        String connectorType,
        SystemState state,
        long found,
        String detail,
        String pendingOperation,
        int attempts) {

    public SystemProgress {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(state, "state");
    }

    public SystemProgress withState(SystemState next, String why) {
        return new SystemProgress(
                connectionId, systemId, name, connectorType, next, found, why, pendingOperation, attempts);
    }
}
