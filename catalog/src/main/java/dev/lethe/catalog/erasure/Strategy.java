package dev.lethe.catalog.erasure;

/**
 * What an erasure rule does: the names of the connector SPI's {@code ErasureStrategy} (the catalog
 * does not depend on the connectors; the planner maps them by name).
 */
public enum Strategy {
    /** Delete the whole record: a rule for a dataset's records only. */
    DELETE_ROW,
    NULL,
    MASK,
    HASH,
    TOKENIZE,
    REDACT_TEXT,
    /** Keep the records or the field, for a legal reason. */
    RETAIN;

    /** Whether the strategy applies to whole records (no field): DELETE_ROW and RETAIN. */
    public boolean forRecords() {
        return this == DELETE_ROW || this == RETAIN;
    }

    /** Whether the strategy applies to one field: everything but DELETE_ROW. */
    public boolean forFields() {
        return this != DELETE_ROW;
    }
}
