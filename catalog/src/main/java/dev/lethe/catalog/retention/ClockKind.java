package dev.lethe.catalog.retention;

/** What starts the retention clock: a timestamp field of the data, or a named business event. */
public enum ClockKind {
    FIELD,
    EVENT
}
