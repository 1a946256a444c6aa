package dev.lethe.ingest.registry;

/** Whether a registered stream should run; every ingest process follows it. */
public enum DesiredState {
    RUNNING,
    PAUSED
}
