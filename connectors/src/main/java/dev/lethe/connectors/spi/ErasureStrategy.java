package dev.lethe.connectors.spi;

/** What an erasure does to a subject's record or field. */
public enum ErasureStrategy {
    /** Delete the whole record (a rule for a dataset, not a field). */
    DELETE_ROW,
    /** Set the field to null. */
    NULL,
    /** Replace the field by a fixed text, {@link ErasurePlan#MASK}. */
    MASK,
    /** Replace the field by a keyed hash under the tenant's key (a stable pseudonym). */
    HASH,
    /** Replace the field by a vault token under the subject's key; shredding the key makes it final. */
    TOKENIZE,
    /** In free text, replace only the personal data the classifier finds, keep the rest. */
    REDACT_TEXT,
    /** Keep the record or field, for the reason given (a legal obligation such as tax law). */
    RETAIN
}
