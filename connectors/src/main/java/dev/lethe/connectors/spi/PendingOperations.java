package dev.lethe.connectors.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Where pending operations are kept (the application stores them in its database, tenant by
 * tenant): the one-time callback tokens of webhook calls and the tasks of manual connections.
 * Implementations are thread-safe and every method is idempotent for the same id.
 */
public interface PendingOperations {

    /**
     * Finds the pending operation {@link PendingOperation#idFor} names, or creates it. When it is
     * {@link Status#ISSUED} (created, but the system has not acknowledged a request naming it yet:
     * the first call, or a retry after a failed send), or a callback still {@link Status#WAITING}
     * whose token has expired (the system never called back: it is asked again), it is returned
     * {@link Status#ISSUED} with a fresh one-time callback token, replacing any earlier one, in
     * {@link Entry#callbackUrl()}; otherwise the entry is returned as it stands, without a URL (the
     * token exists only as its hash).
     */
    Entry open(Opening opening);

    /** The system acknowledged the request ({@code 202}): a retry must not send it again. */
    void waiting(UUID tenant, String id);

    /**
     * The system answered at once: the result is kept, so a retry returns it without asking again.
     * The first result stays; a later one is ignored.
     */
    void complete(UUID tenant, String id, String resultJson);

    /**
     * What to open.
     *
     * @param expiresIn how long a callback token is accepted; {@code null} for a manual task
     * @param instructions what a person is asked to do (manual tasks), {@code null} for callbacks
     * @param assignee who should do it (an email or a role), or {@code null}
     */
    record Opening(
            OperationContext context,
            String connection,
            Capability action,
            PendingOperation.Kind kind,
            Duration expiresIn,
            String instructions,
            String assignee) {

        public Opening {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(kind, "kind");
        }

        public String id() {
            return PendingOperation.idFor(context, connection, action);
        }
    }

    /** Where a pending operation stands. */
    enum Status {
        /** Created; the request naming it may not have reached the system. */
        ISSUED,
        /** The system or a person has it and will answer. */
        WAITING,
        /** Answered: the result is kept. */
        COMPLETED
    }

    /**
     * A pending operation as stored.
     *
     * @param callbackUrl the URL with a fresh one-time token, only right after it was issued
     * @param resultJson the answer (a webhook's result JSON, a manual task's {@code {"note": …}}),
     *     when {@link Status#COMPLETED}; {@code null} also once a webhook's result was cleared, after the
     *     data-subject request that asked for it finished
     */
    record Entry(PendingOperation operation, Status status, URI callbackUrl, String resultJson) {

        public Entry {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(status, "status");
        }

        @Override
        public String toString() {
            // The URL carries a credential; the result may carry personal data.
            return "Entry[" + operation + ", " + status + "]";
        }
    }
}
