package dev.lethe.connectors.spi;

import java.util.Objects;

/**
 * The outcome of an operation that may finish outside Lethe ({@link Deferring}): either done, with
 * its result, or pending, waiting for a system's callback or for a person to confirm.
 *
 * @param <T> the operation's result: counts for locate, records for access, a report for erase
 */
public sealed interface Outcome<T> {

    /** Whether the operation still waits; then {@link Pending#operation()} says for what. */
    default boolean pending() {
        return this instanceof Pending<T>;
    }

    /**
     * Finished: {@code result} and, where the system or person said something, {@code note}
     * (free text for people; may be {@code null}).
     */
    record Done<T>(T result, String note) implements Outcome<T> {

        public Done {
            Objects.requireNonNull(result, "result");
        }
    }

    /** Not finished yet: it finishes when {@code operation} completes. */
    record Pending<T>(PendingOperation operation) implements Outcome<T> {

        public Pending {
            Objects.requireNonNull(operation, "operation");
        }
    }
}
