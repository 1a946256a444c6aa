package dev.lethe.connectors.spi;

/** What a connector type can do; the request and retention workflows plan by these. */
public enum Capability {
    /** Reach the system with the settings ({@link Connector#test}); every connector has it. */
    TEST,
    /** List datasets and fields, sample and classify them, find references ({@link Discovering}). */
    DISCOVER,
    /** Count a subject's records per dataset. */
    LOCATE,
    /** Stream a subject's records. */
    ACCESS,
    /** Apply an erasure plan to a subject's records. */
    ERASE,
    /** Correct one value of a subject. */
    RECTIFY,
    /** Delete or anonymize records older than a cutoff, in batches. */
    PURGE,
    /** Report what of a subject is still there after an erasure. */
    VERIFY,
    /**
     * Tell a recipient the subject's data was disclosed to of an erasure, rectification or restriction
     * (GDPR Art. 19). No connector type declares it: it names the manual tasks a request opens for a
     * person to tell a recipient Lethe has no connection to.
     */
    NOTIFY
}
