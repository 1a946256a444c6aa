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
 * @param fetchMinBytes how many bytes of new records the broker gathers before it answers a worker's fetch
 *     (Kafka's {@code fetch.min.bytes}), at most {@code fetchMaxWait} long: at a moderate rate a worker then
 *     commits a few larger transactions instead of one per handful of records. Every transaction costs
 *     the broker a dozen requests and log writes and the locator one bulk request, whatever its size; on a
 *     busy machine that per-batch work is what made the latency's tail (see {@code bench/results/ingest.md})
 * @param fetchMaxWait the longest the broker holds a fetch for {@code fetchMinBytes}: the most a record
 *     waits for company when the stream is quiet
 * @param clientProperties Kafka client settings every worker's consumer and producer start from: the
 *     connection's security ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}); the worker's own
 *     settings (bootstrap servers, transactions, isolation) win over them
 */
public record IngestSettings(
        String bootstrapServers,
        String instanceId,
        Duration transactionTimeout,
        int maxPollRecords,
        int fetchMinBytes,
        Duration fetchMaxWait,
        Map<String, Object> clientProperties) {

    public static final int DEFAULT_FETCH_MIN_BYTES = 256 * 1024;
    public static final Duration DEFAULT_FETCH_MAX_WAIT = Duration.ofMillis(50);
    public static final int MAX_FETCH_MIN_BYTES = 64 * 1024 * 1024;
    public static final Duration MAX_FETCH_MAX_WAIT = Duration.ofSeconds(5);

    public IngestSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
        if (instanceId == null || !instanceId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("The instance id is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be at least 1");
        }
        if (fetchMinBytes < 1 || fetchMinBytes > MAX_FETCH_MIN_BYTES) {
            throw new IllegalArgumentException("fetchMinBytes must be between 1 and 64 MiB");
        }
        if (!fetchMaxWaitAllowed(fetchMaxWait)) {
            throw new IllegalArgumentException("fetchMaxWait must be between 0 and 5 seconds");
        }
    }

    /** Whether a fetch may wait this long: 0 to {@link #MAX_FETCH_MAX_WAIT}. */
    public static boolean fetchMaxWaitAllowed(Duration wait) {
        return wait != null && !wait.isNegative() && wait.compareTo(MAX_FETCH_MAX_WAIT) <= 0;
    }

    /** Settings for a plaintext connection (no client security properties), batches gathered as by default. */
    public IngestSettings(String bootstrapServers, String instanceId, Duration transactionTimeout, int maxPollRecords) {
        this(
                bootstrapServers,
                instanceId,
                transactionTimeout,
                maxPollRecords,
                DEFAULT_FETCH_MIN_BYTES,
                DEFAULT_FETCH_MAX_WAIT,
                Map.of());
    }

    public static IngestSettings defaults(String bootstrapServers, String instanceId) {
        return new IngestSettings(bootstrapServers, instanceId, Duration.ofSeconds(30), 500);
    }
}
