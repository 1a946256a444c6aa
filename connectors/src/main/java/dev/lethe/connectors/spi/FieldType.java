package dev.lethe.connectors.spi;

/** What a configuration field holds; the UI picks an input for it and the SPI checks its form. */
public enum FieldType {
    STRING,
    INTEGER,
    BOOLEAN,
    /** A host name or IP literal (checked by the outbound guard when the connector connects). */
    HOST,
    /** 1-65535. */
    PORT,
    /** An absolute http(s) URL. */
    URL,
    /** Comma-separated values. */
    LIST
}
