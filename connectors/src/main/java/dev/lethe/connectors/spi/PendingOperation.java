package dev.lethe.connectors.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An operation handed to a system or a person to finish later: a service that answered {@code 202}
 * and will call back, or a manual task. Its {@link #id()} is derived from (tenant, connection,
 * operation id, action), so a retried call (a retried workflow activity) finds the same pending
 * operation instead of starting a second one, and a workflow can wait for a signal carrying it.
 *
 * @param expiresAt when a callback stops being accepted; {@code null} for a task that waits for a
 *     person without a deadline
 */
public record PendingOperation(String id, Capability action, Kind kind, Instant expiresAt) {

    /** What the operation waits for. */
    public enum Kind {
        /** The system's call to the one-time callback URL it was given. */
        CALLBACK,
        /** A person confirming, with a note, that they did what the task asks. */
        MANUAL_TASK
    }

    public PendingOperation {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a pending operation needs an id");
        }
    }

    /**
     * The stable id of the pending operation for {@code action} of operation {@code context} on a
     * connection: the first 128 bits of SHA-256 over the four parts (each prefixed by its length),
     * as a UUID (text). The same inputs give the same id on every call and every node.
     */
    public static String idFor(OperationContext context, String connection, Capability action) {
        Objects.requireNonNull(connection, "connection");
        // Each part prefixed by its length, so that no two different tuples give the same key.
        StringBuilder key = new StringBuilder();
        for (String part :
                new String[] {context.tenant().toString(), connection, context.operationId(), action.name()}) {
            key.append(part.length()).append(':').append(part);
        }
        byte[] digest = sha256(key.toString().getBytes(StandardCharsets.UTF_8));
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (digest[i] & 0xff);
            low = (low << 8) | (digest[i + 8] & 0xff);
        }
        return new UUID(high, low).toString();
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
