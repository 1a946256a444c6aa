package dev.lethe.ingest.runtime;

import dev.lethe.ingest.StreamMetrics;

/**
 * How a stream fares in this process.
 *
 * @param state RUNNING, STARTING, FAILING (with {@code reason}), PAUSED, or IDLE (registered to run,
 *     but this process runs no ingest workers)
 * @param reason why it is failing, or null; never a value from a record
 * @param workers the workers this process runs for it
 * @param figures counts since the stream started in this process (other processes count their own)
 */
public record StreamStatus(String name, String state, String reason, int workers, StreamMetrics.Figures figures) {}
