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
 * @param inForce whether this process's workers run the stream as it is registered now: false for a
 *     moment after a change (the workers are replaced after their current batch), so a client that
 *     changed a stream knows when records are handled the new way
 */
public record StreamStatus(
        String name, String state, String reason, int workers, StreamMetrics.Figures figures, boolean inForce) {}
