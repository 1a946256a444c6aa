package dev.lethe.workflows.retention;

/**
 * When the tenant's next scheduled run is due, as the schedule workflow learns it.
 *
 * @param atMillis epoch milliseconds of the next run time (meaningless when not enabled)
 */
public record NextRun(boolean enabled, long atMillis) {}
