package dev.lethe.catalog.retention;

/**
 * What starts the retention clock: a timestamp field of each record ({@code FIELD}), or the subject's last
 * activity ({@code EVENT}: the newest value of an activity field among the subject's records).
 */
public enum ClockKind {
    FIELD,
    EVENT
}
