package dev.lethe.catalog.retention;

/** What a retention purge does to what has expired. */
public enum RetentionAction {
    DELETE,
    ANONYMIZE
}
