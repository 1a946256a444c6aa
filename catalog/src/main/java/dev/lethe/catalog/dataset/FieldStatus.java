package dev.lethe.catalog.dataset;

/** Discovered fields (by ingest or a connector) wait for a person to confirm or reject them. */
public enum FieldStatus {
    DISCOVERED,
    CONFIRMED,
    REJECTED
}
