package dev.lethe.catalog.audit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where signed checkpoints are anchored outside PostgreSQL (an append-only log such as a Kafka topic
 * with unlimited retention), so that someone who can rewrite the database can't also remove the
 * evidence that entries existed. Implementations are thread-safe; they live outside the catalog, which
 * knows only the database.
 */
public interface CheckpointAnchors {

    /**
     * Makes the log ready to be written and read (creates a missing topic or file). Idempotent.
     *
     * @throws AnchorsUnavailableException when it could not
     */
    default void prepare() {}

    /**
     * Appends the anchors and returns once they are durable. Publishing the same anchor twice is
     * harmless. Never call it inside a database transaction.
     *
     * @throws AnchorsUnavailableException when they could not be written
     */
    void publish(List<CheckpointAnchor> anchors);

    /**
     * Every anchor of the tenant, in the order they were appended (duplicates possible).
     *
     * @throws AnchorsUnavailableException when the anchors could not be read in full
     */
    List<CheckpointAnchor> read(UUID tenantId);

    /** The anchors could not be written or read: the message says why, never with data. */
    final class AnchorsUnavailableException extends RuntimeException {
        public AnchorsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }

        public AnchorsUnavailableException(String message) {
            super(message);
        }
    }

    /** Anchors read once (for checking many tenants against one read of the log). */
    static CheckpointAnchors snapshot(Map<UUID, List<CheckpointAnchor>> byTenant) {
        var copy = Map.copyOf(byTenant);
        return new CheckpointAnchors() {
            @Override
            public void publish(List<CheckpointAnchor> anchors) {
                throw new UnsupportedOperationException("A snapshot of the anchors is read-only");
            }

            @Override
            public List<CheckpointAnchor> read(UUID tenantId) {
                return copy.getOrDefault(tenantId, List.of());
            }
        };
    }

    /** Anchors that could not be read: every read fails with {@code why}, so no chain is called intact. */
    static CheckpointAnchors unreadable(AnchorsUnavailableException why) {
        return new CheckpointAnchors() {
            @Override
            public void publish(List<CheckpointAnchor> anchors) {
                throw why;
            }

            @Override
            public List<CheckpointAnchor> read(UUID tenantId) {
                throw why;
            }
        };
    }
}
