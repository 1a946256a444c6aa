package dev.lethe.classifier;

/** Why a finding was made. A finding carries every kind of evidence that contributed to its score. */
public enum Evidence {
    /** The value has the shape of the type (a pattern or format rule matched). */
    PATTERN,
    /** A checksum or a structural validator (Luhn, mod-97, libphonenumber, date rules) accepted the value. */
    VALIDATOR,
    /** Words near the value name the type, in one of the supported languages. */
    CONTEXT,
    /** Words near the value suggest something else (order, invoice, version ...); the score was lowered. */
    NEGATIVE_CONTEXT,
    /** The field name or JSON path names the type. */
    FIELD_NAME,
    /** A dictionary of given names, family names or street words matched. */
    GAZETTEER,
    /** A column's sample of values validated as this type. */
    SAMPLE,
    /** The name tagger, a sequence model trained on labelled text, recognised the span from its words and context. */
    MODEL
}
