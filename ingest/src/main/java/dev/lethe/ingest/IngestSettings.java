package dev.lethe.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How this process's stream workers talk to Kafka.
 *
 * @param instanceId names this process among the ingest processes, stable across its restarts: the
 *     transactional ids derive from it, so a restarted process fences its crashed predecessor's
 *     open transaction at once instead of leaving consumers waiting for it to time out
 * @param transactionTimeout how long the broker waits for a crashed worker's transaction before
 *     aborting it (what read_committed readers wait at worst when a process dies for good); it
 *     must exceed the time one batch takes
 * @param maxPollRecords the largest batch, hence transaction
 * @param clientProperties Kafka client settings every worker's consumer and producer start from: the
 *     connection's security ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}); the worker's own
 *     settings (bootstrap servers, transactions, isolation) win over them
 */
public record IngestSettings(
        String bootstrapServers,
        String instanceId,
        Duration transactionTimeout,
        int maxPollRecords,
        Map<String, Object> clientProperties) {

    public IngestSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
        if (instanceId == null || !instanceId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("The instance id is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be at least 1");
        }
    }

    /** Settings for a plaintext connection (no client security properties). */
    public IngestSettings(String bootstrapServers, String instanceId, Duration transactionTimeout, int maxPollRecords) {
        this(bootstrapServers, instanceId, transactionTimeout, maxPollRecords, Map.of());
    }

    public static IngestSettings defaults(String bootstrapServers, String instanceId) {
        return new IngestSettings(bootstrapServers, instanceId, Duration.ofSeconds(30), 500);
    }
}
